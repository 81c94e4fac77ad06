import { nodeId, type NodeId } from '../graph/ids';
import { listItems, quoteText } from '../graph/text';
import { findCycle, type EdgeLike } from '../graph/topology';
import type { GraphNode, GraphSpec } from '../graph/types';
import { validateGraph } from '../graph/validate';
import type { OpDefinition, OpRegistry } from '../ops';
import { appendPath } from './json';
import type { CompositeDefinition, DocumentIssue, GraphDocument } from './types';

/**
 * The document-level op of a dataset node: one output per column of `doc.datasets[i]`, read with
 * `sourcePort` = the column's name. Flattening turns it into one `data` node per column.
 * @public
 */
export const DATASET_OP = 'dataset';

/** The flat op each dataset column becomes (a varying source the engine is fed). @public */
export const DATA_OP = 'data';

/** What a document needs of its datasets to check and flatten dataset nodes. */
export interface DatasetColumns {
  readonly id: string;
  readonly columns: readonly string[];
}

/** The datasets of a document, if any (the field itself is parsed by document/datasets.ts). */
export const datasetsOf = (doc: GraphDocument): readonly DatasetColumns[] =>
  (doc as { readonly datasets?: readonly DatasetColumns[] }).datasets ?? [];

/**
 * Whether a document uses anything of format version 2 that needs checking or flattening:
 * definitions, dataset nodes or edges that name a `sourcePort`. Plain documents skip both (and
 * their id maps: hashing 100,000 ids is most of a big file's load time).
 */
export const hasComposites = (doc: GraphDocument): boolean => {
  if ((doc.definitions?.length ?? 0) > 0) return true;
  for (const node of doc.graph.nodes) if (node.op === DATASET_OP) return true;
  for (const edge of doc.graph.edges) if (edge.sourcePort !== undefined) return true;
  return false;
};

/**
 * Looks a definition up by name. Names are compared as exact strings; a `null`-prototype map
 * keeps a definition called `constructor` plain data.
 */
export const definitionIndex = (
  definitions: readonly CompositeDefinition[] | undefined,
): Map<string, CompositeDefinition> => {
  const index = new Map<string, CompositeDefinition>();
  for (const definition of definitions ?? []) {
    if (!index.has(definition.name)) index.set(definition.name, definition);
  }
  return index;
};

/** The nodes of a definition that are ports or parameters: `input` nodes that vanish or stay. */
export const portNames = (definition: CompositeDefinition): Set<string> =>
  new Set([...definition.inputs, ...(definition.parameters ?? []).map((p) => p.name)]);

/**
 * A view of the registry in which each definition (and the dataset op) is an op with the
 * definition's input ports and parameters, so `validateGraph` and `checkEdge` (the one edge rule)
 * check instances like any node. Only for validation: these views are never evaluated (the
 * engine runs the flat graph), so their forward and derivatives are never called.
 */
export const compositeRegistry = (
  registry: OpRegistry,
  definitions: ReadonlyMap<string, CompositeDefinition>,
): OpRegistry => {
  const views = new Map<string, OpDefinition>();
  const view = (
    id: string,
    inputs: readonly string[],
    params: readonly string[],
    description: string,
  ): OpDefinition => ({
    id,
    label: id,
    symbol: id,
    category: 'arithmetic',
    description,
    inputs,
    params: params.map((name) => ({ name, kind: 'number' as const, default: 0 })),
    kind: 'function',
    formula: id,
    forward: () => Number.NaN,
    derivatives: inputs.map(() => ({ formula: '', fn: () => Number.NaN })),
  });
  views.set(DATASET_OP, view(DATASET_OP, [], [], 'the columns of a dataset'));
  for (const [name, definition] of definitions) {
    if (registry.get(name) !== undefined || name === DATASET_OP) continue;
    views.set(
      name,
      view(
        name,
        definition.inputs,
        (definition.parameters ?? []).map((parameter) => parameter.name),
        definition.description ?? `the composite ${name}`,
      ),
    );
  }
  const list = [...registry.list(), ...views.values()];
  return { get: (id) => registry.get(id) ?? views.get(id), list: () => list };
};

const issue = (code: string, path: string, message: string): DocumentIssue => ({
  code,
  path,
  message,
});

/** Index of the first item with each id; later ones are reported as duplicates at `list[k].id`. */
const firstIndexById = (
  items: readonly { readonly id: string }[],
  kind: 'node' | 'edge',
  list: string,
  out: DocumentIssue[],
): Map<string, number> => {
  const index = new Map<string, number>();
  items.forEach((item, k) => {
    const earlier = index.get(item.id);
    if (earlier === undefined) index.set(item.id, k);
    else {
      out.push(
        issue(
          'duplicate-id',
          `${list}[${k}].id`,
          `the ${kind} id ${quoteText(item.id)} is already used by ${list}[${earlier}]`,
        ),
      );
    }
  });
  return index;
};

/** `validateGraph`'s issues on one graph, each at the path of the field to change. */
const graphIssues = (
  spec: GraphSpec,
  registry: OpRegistry,
  prefix: string,
  out: DocumentIssue[],
): void => {
  const found = validateGraph(spec, registry);
  if (found.length === 0) return;
  const nodeIndex = firstIndexById(spec.nodes, 'node', `${prefix}nodes`, out);
  const edgeIndex = firstIndexById(spec.edges, 'edge', `${prefix}edges`, out);
  for (const problem of found) {
    const nodeAt = (id: NodeId | undefined): string =>
      id !== undefined && nodeIndex.has(id)
        ? `${prefix}nodes[${nodeIndex.get(id)}]`
        : `${prefix}nodes`;
    const edgeAt =
      problem.edgeId !== undefined && edgeIndex.has(problem.edgeId)
        ? `${prefix}edges[${edgeIndex.get(problem.edgeId)}]`
        : `${prefix}edges`;
    let path: string;
    switch (problem.code) {
      case 'duplicate-node':
      case 'duplicate-edge':
        continue;
      case 'unknown-op':
        path = `${nodeAt(problem.nodeId)}.op`;
        break;
      case 'invalid-value':
        path = `${nodeAt(problem.nodeId)}.params.value`;
        break;
      case 'missing-node': {
        const edge = spec.edges[edgeIndex.get(problem.edgeId ?? '') ?? -1];
        path = `${edgeAt}.${edge?.source === problem.nodeId ? 'source' : 'target'}`;
        break;
      }
      case 'self-loop':
        path = `${edgeAt}.target`;
        break;
      case 'unknown-port':
      case 'port-taken':
        path = `${edgeAt}.targetPort`;
        break;
      case 'missing-output':
        path = `${prefix}output`;
        break;
      default:
        path = problem.edgeId !== undefined ? edgeAt : nodeAt(problem.nodeId);
    }
    out.push(issue(problem.code, path, problem.message));
  }
};

/**
 * Checks what only composites and dataset nodes add to one graph: which output each edge reads
 * (`sourcePort`), the parameters an instance sets, and the dataset a dataset node names.
 */
const portIssues = (
  spec: GraphSpec,
  definitions: ReadonlyMap<string, CompositeDefinition>,
  datasets: readonly DatasetColumns[],
  prefix: string,
  out: DocumentIssue[],
  insideDefinition: boolean,
): void => {
  const byId = new Map<string, GraphNode>();
  spec.nodes.forEach((node, index) => {
    if (!byId.has(node.id)) byId.set(node.id, node);
    const at = `${prefix}nodes[${index}]`;
    const definition = definitions.get(node.op);
    if (definition !== undefined) {
      const allowed = new Set((definition.parameters ?? []).map((p) => p.name));
      for (const key of Object.keys(node.params ?? {})) {
        const value = node.params![key];
        if (!allowed.has(key)) {
          const takes = allowed.size
            ? `it takes ${listItems([...allowed].map(quoteText))}`
            : 'it has no parameters';
          out.push(
            issue(
              'unknown-param',
              appendPath(`${at}.params`, key),
              `${quoteText(definition.name)} has no parameter ${quoteText(key)} (${takes})`,
            ),
          );
        } else if (typeof value !== 'number' || !Number.isFinite(value)) {
          out.push(
            issue(
              'invalid-value',
              appendPath(`${at}.params`, key),
              `parameter ${quoteText(key)} of ${quoteText(node.id)} must be a finite number`,
            ),
          );
        }
      }
    } else if (node.op === DATASET_OP) {
      const name = node.params?.['dataset'];
      if (insideDefinition) {
        out.push(
          issue(
            'dataset-in-definition',
            `${at}.op`,
            `dataset node ${quoteText(node.id)} is inside a definition; dataset nodes belong to the top-level graph`,
          ),
        );
      } else if (typeof name !== 'string') {
        out.push(
          issue(
            'missing-dataset',
            `${at}.params.dataset`,
            `dataset node ${quoteText(node.id)} needs "dataset": the id of one of the file's datasets`,
          ),
        );
      } else if (!datasets.some((dataset) => dataset.id === name)) {
        out.push(
          issue(
            'missing-dataset',
            `${at}.params.dataset`,
            `dataset node ${quoteText(node.id)} reads the dataset ${quoteText(name)}, which the file does not define`,
          ),
        );
      }
    }
  });
  spec.edges.forEach((edge, index) => {
    const source = byId.get(edge.source);
    if (source === undefined) return; // validateGraph names the missing node
    const at = `${prefix}edges[${index}]`;
    const definition = definitions.get(source.op);
    let outputs: readonly string[] | null = null;
    if (definition !== undefined) outputs = definition.outputs.map((output) => output.name);
    else if (source.op === DATASET_OP) {
      const name = source.params?.['dataset'];
      outputs = datasets.find((dataset) => dataset.id === name)?.columns ?? null;
      if (outputs === null) return; // reported on the node
    }
    const port = edge.sourcePort;
    if (outputs === null) {
      if (port !== undefined) {
        out.push(
          issue(
            'unknown-port',
            `${at}.sourcePort`,
            `${quoteText(source.id)} has a single output; remove "sourcePort" ${quoteText(port)}`,
          ),
        );
      }
      return;
    }
    const kind = definition !== undefined ? 'output' : 'column';
    if (port === undefined) {
      if (outputs.length !== 1) {
        out.push(
          issue(
            'missing-source-port',
            at,
            `${quoteText(source.id)} has ${outputs.length} ${kind}s; say which one this edge reads with "sourcePort": ${listItems(outputs.map(quoteText), ' or ')}`,
          ),
        );
      }
      return;
    }
    if (!outputs.includes(port)) {
      out.push(
        issue(
          'unknown-port',
          `${at}.sourcePort`,
          `${quoteText(source.id)} (${quoteText(source.op)}) has no ${kind} ${quoteText(port)}; its ${kind}s: ${listItems(outputs.map(quoteText))}`,
        ),
      );
    }
  });
  if (!insideDefinition && spec.output != null) {
    const output = byId.get(spec.output);
    const definition = output && definitions.get(output.op);
    if (
      output?.op === DATASET_OP ||
      (definition !== undefined && definition.outputs.length !== 1)
    ) {
      out.push(
        issue(
          'ambiguous-output',
          'output',
          `the output ${quoteText(spec.output)} has several outputs; choose a single-output node as J`,
        ),
      );
    }
  }
};

/** Names, ports and outputs of one definition: what its instances and flattening rely on. */
const shapeIssues = (
  definition: CompositeDefinition,
  at: string,
  registry: OpRegistry,
  seen: Map<string, number>,
  index: number,
  out: DocumentIssue[],
): void => {
  const name = definition.name;
  if (name === '') out.push(issue('empty-id', `${at}.name`, 'a definition needs a name'));
  else if (registry.get(name) !== undefined || name === DATASET_OP) {
    out.push(
      issue(
        'name-clash',
        `${at}.name`,
        `the definition ${quoteText(name)} has the name of a built-in op; rename it`,
      ),
    );
  } else if (seen.has(name)) {
    out.push(
      issue(
        'name-clash',
        `${at}.name`,
        `two definitions are called ${quoteText(name)}: this one and definitions[${seen.get(name)}]`,
      ),
    );
  } else seen.set(name, index);

  const inner = new Map<string, GraphNode>();
  for (const node of definition.graph.nodes) if (!inner.has(node.id)) inner.set(node.id, node);
  const ports = new Set<string>();
  const checkPort = (port: string, path: string): void => {
    if (ports.has(port)) {
      out.push(issue('duplicate-port', path, `the port ${quoteText(port)} is listed twice`));
      return;
    }
    ports.add(port);
    const node = inner.get(port);
    if (node === undefined || node.op !== 'input') {
      out.push(
        issue(
          'missing-port-node',
          path,
          node === undefined
            ? `the port ${quoteText(port)} needs an inner "input" node with the id ${quoteText(port)}`
            : `the port ${quoteText(port)} is inner node ${quoteText(port)}, which must be an "input" node, not ${quoteText(node.op)}`,
        ),
      );
    }
  };
  definition.inputs.forEach((port, k) => checkPort(port, `${at}.inputs[${k}]`));
  (definition.parameters ?? []).forEach((parameter, k) => {
    checkPort(parameter.name, `${at}.parameters[${k}].name`);
    if (!Number.isFinite(parameter.default)) {
      out.push(issue('invalid-value', `${at}.parameters[${k}].default`, 'must be a finite number'));
    }
  });
  if (definition.outputs.length === 0) {
    out.push(
      issue('missing-output', `${at}.outputs`, `the definition ${quoteText(name)} needs an output`),
    );
  }
  const outputNames = new Set<string>();
  definition.outputs.forEach((output, k) => {
    if (outputNames.has(output.name)) {
      out.push(
        issue(
          'duplicate-port',
          `${at}.outputs[${k}].name`,
          `the output ${quoteText(output.name)} is listed twice`,
        ),
      );
    }
    outputNames.add(output.name);
    if (!inner.has(output.node)) {
      out.push(
        issue(
          'missing-node',
          `${at}.outputs[${k}].node`,
          `the output ${quoteText(output.name)} reads ${quoteText(output.node)}, which is not an inner node`,
        ),
      );
    }
  });
};

/** Options for {@link checkComposites}. */
export interface CheckCompositesOptions {
  /** Also validate the top-level graph (parse does that itself, with its own file locations). */
  readonly topLevel: boolean;
}

/**
 * Every problem with a document's definitions, instances and dataset nodes, each located
 * (`definitions[2].graph.nodes[4].op`): names that clash with an op or another definition,
 * ports without their inner node, recursion (a cycle through definitions, at any depth), a
 * missing definition (an unknown op), port mismatches (`targetPort` or `sourcePort` that the
 * definition does not have), and everything `validateGraph` finds in each inner graph.
 * Iterative: 10,000 nested definitions are fine on the default stack.
 */
export const checkComposites = (
  doc: GraphDocument,
  registry: OpRegistry,
  options: CheckCompositesOptions,
): DocumentIssue[] => {
  const out: DocumentIssue[] = [];
  const definitions = doc.definitions ?? [];
  const index = definitionIndex(definitions);
  const view = compositeRegistry(registry, index);
  const datasets = datasetsOf(doc);
  const seen = new Map<string, number>();
  definitions.forEach((definition, k) => {
    const at = `definitions[${k}]`;
    shapeIssues(definition, at, registry, seen, k, out);
    const inner: GraphSpec = { nodes: definition.graph.nodes, edges: definition.graph.edges };
    graphIssues(inner, view, `${at}.graph.`, out);
    portIssues(inner, index, datasets, `${at}.graph.`, out, true);
  });
  if (options.topLevel) graphIssues(doc.graph, view, '', out);
  portIssues(doc.graph, index, datasets, '', out, false);

  // Recursion: the graph "definition A uses definition B" must be acyclic.
  const uses: (EdgeLike & { readonly at: string })[] = [];
  definitions.forEach((definition, k) => {
    if (seen.get(definition.name) !== k) return;
    definition.graph.nodes.forEach((node, n) => {
      if (index.has(node.op) && registry.get(node.op) === undefined) {
        uses.push({
          source: nodeId(definition.name),
          target: nodeId(node.op),
          at: `definitions[${k}].graph.nodes[${n}].op`,
        });
      }
    });
  });
  const cycle = findCycle(
    [...seen.keys()].map((name) => nodeId(name)),
    uses,
  );
  if (cycle !== null) {
    const from = cycle[cycle.length - 2];
    const to = cycle[cycle.length - 1];
    const closing = uses.find((use) => use.source === from && use.target === to);
    out.push(
      issue(
        'recursive-definition',
        closing?.at ?? 'definitions',
        cycle.length === 2
          ? `the definition ${quoteText(cycle[0]!)} uses itself; a composite cannot contain itself`
          : `the definitions use each other in a circle: ${listItems(cycle.map(quoteText), ' → ')}; a composite cannot contain itself`,
      ),
    );
  }
  return out;
};
