import { edgeId, nodeId, type EdgeId, type NodeId, type PortName } from '../graph/ids';
import { quoteText } from '../graph/text';
import { topologicalOrder } from '../graph/topology';
import type { GraphEdge, GraphNode, GraphSpec } from '../graph/types';
import type { OpRegistry } from '../ops';
import {
  checkComposites,
  DATA_OP,
  DATASET_OP,
  datasetsOf,
  definitionIndex,
  hasComposites,
  type DatasetColumns,
} from './composites';
import type { CompositeDefinition, DocumentIssue, GraphDocument } from './types';

/** The most flat nodes a document may expand to (nested definitions multiply). @public */
export const MAX_FLAT_NODES = 2_000_000;

/** Where a flat node came from: the instances it sits in (outermost first) and its inner id. @public */
export interface FlatLocation {
  /** `['net', 'h1']` for `net/h1/mul1`; empty for a top-level node. */
  readonly instancePath: readonly NodeId[];
  /** The node's id inside its definition (`mul1`), or the top-level id. For a dataset column, the dataset node's id. */
  readonly node: NodeId;
  /** For a dataset column node: the column. */
  readonly column?: string;
}

/**
 * How a document with composites maps onto its flat graph: what the canvas needs to show an
 * instance's ports and edges, and to open an instance. Instance paths are `/`-joined node ids:
 * `h1`, `net/h1`. Port carriers are resolved on demand (a walk through the nesting), so building
 * the map costs nothing for ports no one asks about.
 * @public
 */
export interface CompositeMap {
  /** Every instance, as its path (`net`, `net/h1`), each before the instances inside it. */
  instances(): string[];
  /** The definition an instance runs (`neuron2`), or `undefined` for an unknown path. */
  definitionOf(instancePath: string): string | undefined;
  /** An instance's port names (inputs, parameters, outputs); all empty for an unknown path. */
  ports(instancePath: string): {
    readonly inputs: readonly PortName[];
    readonly parameters: readonly PortName[];
    readonly outputs: readonly PortName[];
  };
  /**
   * The flat node whose value flows into input port `port` of the instance: the flat source
   * feeding it (through enclosing instances' ports if need be), or `null` when nothing feeds it.
   */
  inputCarrier(instancePath: string, port: PortName): NodeId | null;
  /** The flat node that produces output `port` of the instance (its inner producer). */
  outputCarrier(instancePath: string, port: PortName): NodeId | null;
  /**
   * The flat edges a document edge became, by the edge's path (`e3` at the top level, `h1/e2`
   * inside instance `h1`). An edge into a plain node becomes one flat edge with the same id;
   * an edge into an instance port becomes the flat edges from its source to the inner consumers
   * of that port, so its chain-rule factor dJ/d(source)·… is the sum of theirs.
   */
  flatEdges(edgePath: string): readonly EdgeId[];
  /** Where a flat node came from, or `undefined` when the flat graph has no such node. */
  locate(flatId: NodeId): FlatLocation | undefined;
}

/** What {@link flattenDocument} returns. @public */
export type FlattenResult =
  | { readonly ok: true; readonly graph: GraphSpec; readonly map: CompositeMap }
  | { readonly ok: false; readonly errors: DocumentIssue[] };

/** Options for {@link flattenDocument}. @public */
export interface FlattenOptions {
  readonly registry: OpRegistry;
}

/** One graph (the top level or a definition) with lookups, built once per definition. */
interface Scope {
  readonly spec: GraphSpec;
  readonly nodes: Map<string, GraphNode>;
  /** target id → port → edge into it. */
  readonly incoming: Map<string, Map<string, GraphEdge>>;
  readonly definition: CompositeDefinition | null;
  /** Input port names (nodes that vanish). */
  readonly ports: ReadonlySet<string>;
  /** Parameter name → default. */
  readonly parameters: ReadonlyMap<string, number>;
  /** `definitions[3].graph.` or `` for locating problems. */
  readonly at: string;
}

/** An instance (or the top level) being expanded: its scope, id prefix and enclosing frame. */
interface Frame {
  readonly scope: Scope;
  /** `net/h1/` (empty at the top level). */
  readonly prefix: string;
  readonly parent: Frame | null;
  /** The instance node in the parent's scope. */
  readonly instance: GraphNode | null;
  /** The frames of the instances inside, by node id. */
  readonly children: Map<string, Frame>;
}

const buildScope = (spec: GraphSpec, definition: CompositeDefinition | null, at: string): Scope => {
  const nodes = new Map<string, GraphNode>();
  for (const node of spec.nodes) nodes.set(node.id, node);
  const incoming = new Map<string, Map<string, GraphEdge>>();
  for (const edge of spec.edges) {
    let ports = incoming.get(edge.target);
    if (ports === undefined) incoming.set(edge.target, (ports = new Map()));
    ports.set(edge.targetPort, edge);
  }
  const parameters = new Map<string, number>();
  for (const parameter of definition?.parameters ?? []) {
    parameters.set(parameter.name, parameter.default);
  }
  return {
    spec,
    nodes,
    incoming,
    definition,
    ports: new Set(definition?.inputs ?? []),
    parameters,
    at,
  };
};

const plainMap = (graph: GraphSpec): CompositeMap => {
  let ids: Set<string> | null = null;
  return {
    instances: () => [],
    definitionOf: () => undefined,
    ports: () => ({ inputs: [], parameters: [], outputs: [] }),
    inputCarrier: () => null,
    outputCarrier: () => null,
    flatEdges: (path) => (graph.edges.some((edge) => edge.id === path) ? [edgeId(path)] : []),
    locate: (flatId) => {
      ids ??= new Set(graph.nodes.map((node) => node.id));
      return ids.has(flatId) ? { instancePath: [], node: flatId } : undefined;
    },
  };
};

/**
 * Turns a document with composite instances and dataset nodes into the plain, single-output
 * graph the engine runs, or refuses it with located problems (see `checkComposites`).
 *
 * - Inner node `mul1` of instance `h1` becomes `h1/mul1`; nested, `net/h1/mul1`. Top-level nodes
 *   and edges keep their ids; inner edges get path ids the same way (`h1/e2`).
 * - Parameters become flat `input` nodes (`h1/w1`, value = the instance's param or the default).
 * - Input-port nodes vanish: their consumers are wired to whatever feeds the instance's port.
 * - A dataset node `data` becomes one `data` node per column: `data/x1` with params
 *   `{ dataset, column }`.
 *
 * Documents without definitions or dataset nodes come back as they are. Iterative throughout.
 * @example
 * const flat = flattenDocument(doc, { registry: standardRegistry });
 * if (flat.ok) createRuntime({ registry: standardRegistry, graph: flat.graph });
 * @public
 */
export const flattenDocument = (doc: GraphDocument, options: FlattenOptions): FlattenResult => {
  if (!hasComposites(doc)) return { ok: true, graph: doc.graph, map: plainMap(doc.graph) };
  const { registry } = options;
  const errors = checkComposites(doc, registry, { topLevel: true });
  if (errors.length > 0) return { ok: false, errors };

  const definitions = definitionIndex(doc.definitions);
  const datasets = new Map<string, DatasetColumns>();
  for (const dataset of datasetsOf(doc)) datasets.set(dataset.id, dataset);
  const scopes = new Map<string, Scope>();
  (doc.definitions ?? []).forEach((definition, k) => {
    scopes.set(
      definition.name,
      buildScope(definition.graph, definition, `definitions[${k}].graph.`),
    );
  });
  const isInstance = (node: GraphNode): boolean =>
    definitions.has(node.op) && registry.get(node.op) === undefined;

  // Refuse an expansion too large to hold before building it: sizes bottom-up over "uses".
  const names = [...scopes.keys()];
  const uses: { source: NodeId; target: NodeId }[] = [];
  for (const [name, scope] of scopes) {
    for (const node of scope.spec.nodes) {
      if (isInstance(node)) uses.push({ source: nodeId(node.op), target: nodeId(name) });
    }
  }
  const size = new Map<string, number>();
  for (const name of topologicalOrder({
    nodes: names.map((n) => ({ id: nodeId(n) })),
    edges: uses,
  })) {
    let total = 0;
    for (const node of scopes.get(name)!.spec.nodes) {
      total += isInstance(node) ? size.get(node.op)! : 1;
    }
    size.set(name, Math.min(total, MAX_FLAT_NODES + 1));
  }
  let expected = 0;
  for (const node of doc.graph.nodes) {
    expected += isInstance(node) ? size.get(node.op)! : 1;
    if (expected > MAX_FLAT_NODES) {
      return {
        ok: false,
        errors: [
          {
            code: 'too-large',
            path: 'definitions',
            message: `the composites expand to more than ${MAX_FLAT_NODES.toLocaleString('en-US')} plain nodes`,
          },
        ],
      };
    }
  }

  const top = buildScope(doc.graph, null, '');
  const rootFrame: Frame = {
    scope: top,
    prefix: '',
    parent: null,
    instance: null,
    children: new Map(),
  };
  /** The frame of an instance: one object per instance, kept in a tree keyed by node id. */
  const childFrame = (frame: Frame, node: GraphNode): Frame => {
    let child = frame.children.get(node.id);
    if (child === undefined) {
      child = {
        scope: scopes.get(node.op)!,
        prefix: `${frame.prefix}${node.id}/`,
        parent: frame,
        instance: node,
        children: new Map(),
      };
      frame.children.set(node.id, child);
    }
    return child;
  };

  /**
   * The flat node carrying output `port` of node `id` in `frame`: down into instances, up through
   * input ports, until a plain node (`null` when an unfed port is reached).
   */
  const resolve = (
    start: Frame,
    startId: string,
    startPort: PortName | undefined,
  ): NodeId | null => {
    let frame = start;
    let id = startId;
    let port = startPort;
    for (;;) {
      const node = frame.scope.nodes.get(id)!;
      if (frame.parent !== null && frame.scope.ports.has(id)) {
        const edge = frame.parent.scope.incoming.get(frame.instance!.id)?.get(id);
        if (edge === undefined) return null;
        frame = frame.parent;
        id = edge.source;
        port = edge.sourcePort;
        continue;
      }
      if (isInstance(node)) {
        const definition = definitions.get(node.op)!;
        const output =
          port === undefined
            ? definition.outputs[0]!
            : definition.outputs.find((candidate) => candidate.name === port)!;
        frame = childFrame(frame, node);
        id = output.node;
        port = undefined;
        continue;
      }
      if (node.op === DATASET_OP) return nodeId(`${frame.prefix}${id}/${port ?? ''}`);
      return nodeId(`${frame.prefix}${id}`);
    }
  };

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Where each inner node came from; its instance path is built only when asked (a split of a
  // 10,000-deep prefix per node would be quadratic).
  const locations = new Map<string, { frame: Frame; node: NodeId; column?: string }>();
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const clashes: DocumentIssue[] = [];
  const pathOf = (frame: Frame): NodeId[] => {
    const path: NodeId[] = [];
    for (let at: Frame | null = frame; at?.instance; at = at.parent) path.push(at.instance.id);
    return path.reverse();
  };

  const addNode = (
    frame: Frame,
    node: GraphNode,
    index: number,
    flat: GraphNode,
    column?: string,
  ): void => {
    if (nodeIds.has(flat.id)) {
      clashes.push({
        code: 'id-clash',
        path: `${frame.scope.at}nodes[${index}].id`,
        message: `flattening gives two nodes the id ${quoteText(flat.id)}; rename ${quoteText(node.id)} (ids with "/" can clash with an instance's inner nodes)`,
      });
      return;
    }
    nodeIds.add(flat.id);
    nodes.push(flat);
    if (frame.prefix !== '' || column !== undefined) {
      locations.set(
        flat.id,
        column === undefined ? { frame, node: node.id } : { frame, node: node.id, column },
      );
    }
  };

  // An explicit stack of instances being expanded, each with the index of its next node: no
  // recursion, whatever the nesting depth. An instance is expanded where it stands, so the
  // flat order follows the document's; a frame's edges follow its last node.
  const stack: { frame: Frame; next: number }[] = [{ frame: rootFrame, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const { frame } = top;
    const { scope, prefix } = frame;
    let descended = false;
    while (top.next < scope.spec.nodes.length) {
      const index = top.next++;
      const node = scope.spec.nodes[index]!;
      if (frame.parent !== null && scope.ports.has(node.id)) continue;
      if (isInstance(node)) {
        stack.push({ frame: childFrame(frame, node), next: 0 });
        descended = true;
        break;
      }
      if (node.op === DATASET_OP) {
        const dataset = String(node.params?.['dataset']);
        for (const column of datasets.get(dataset)?.columns ?? []) {
          const flat: GraphNode = {
            id: nodeId(`${prefix}${node.id}/${column}`),
            op: DATA_OP,
            params: { dataset, column },
            label: column,
          };
          addNode(frame, node, index, flat, column);
        }
        continue;
      }
      let flat: GraphNode = prefix === '' ? node : { ...node, id: nodeId(`${prefix}${node.id}`) };
      const fallback = scope.parameters.get(node.id);
      if (fallback !== undefined) {
        const own = frame.instance?.params?.[node.id];
        flat = {
          ...flat,
          params: { ...node.params, value: typeof own === 'number' ? own : fallback },
        };
      }
      addNode(frame, node, index, flat);
    }
    if (descended) continue;
    stack.pop();
    scope.spec.edges.forEach((edge, index) => {
      const target = scope.nodes.get(edge.target)!;
      if (isInstance(target)) return; // its flat edges start inside the instance
      const source = resolve(frame, edge.source, edge.sourcePort);
      if (source === null) return; // an unfed instance port: the consumer's port stays open
      const id = `${prefix}${edge.id}`;
      if (edgeIds.has(id)) {
        clashes.push({
          code: 'id-clash',
          path: `${scope.at}edges[${index}].id`,
          message: `flattening gives two edges the id ${quoteText(id)}; rename ${quoteText(edge.id)}`,
        });
        return;
      }
      edgeIds.add(id);
      edges.push({
        id: edgeId(id),
        source,
        target: nodeId(`${prefix}${edge.target}`),
        targetPort: edge.targetPort,
      });
    });
  }
  if (clashes.length > 0) return { ok: false, errors: clashes };

  const output = doc.graph.output == null ? null : resolve(rootFrame, doc.graph.output, undefined);
  const graph: GraphSpec = { nodes, edges, output };

  /** The frame at `a/b/c` (the top level for ``), walking the tree of instances. */
  const frameAt = (instancePath: string): Frame | undefined => {
    if (instancePath === '') return rootFrame;
    let frame: Frame | undefined = rootFrame;
    for (const step of instancePath.split('/')) frame = frame?.children.get(step);
    return frame;
  };
  /** Edges leaving each node of a scope, built when first asked. */
  const outgoing = new Map<Scope, Map<string, GraphEdge[]>>();
  const edgesFrom = (scope: Scope, id: string): readonly GraphEdge[] => {
    let index = outgoing.get(scope);
    if (index === undefined) {
      index = new Map();
      for (const edge of scope.spec.edges) {
        const list = index.get(edge.source);
        if (list === undefined) index.set(edge.source, [edge]);
        else list.push(edge);
      }
      outgoing.set(scope, index);
    }
    return index.get(id) ?? [];
  };

  const map: CompositeMap = {
    instances: () => {
      const found: string[] = [];
      const pending: Frame[] = [rootFrame];
      while (pending.length > 0) {
        const frame = pending.pop()!;
        if (frame.instance !== null) found.push(frame.prefix.slice(0, -1));
        const children = [...frame.children.values()];
        for (let k = children.length - 1; k >= 0; k--) pending.push(children[k]!);
      }
      return found;
    },
    definitionOf: (instancePath) => {
      const frame = instancePath === '' ? undefined : frameAt(instancePath);
      return frame?.instance?.op;
    },
    ports: (instancePath) => {
      const definition = instancePath === '' ? null : frameAt(instancePath)?.scope.definition;
      return {
        inputs: definition?.inputs ?? [],
        parameters: (definition?.parameters ?? []).map((parameter) => parameter.name),
        outputs: (definition?.outputs ?? []).map((output) => output.name),
      };
    },
    inputCarrier: (instancePath, port) => {
      const frame = frameAt(instancePath);
      if (frame?.instance == null || !frame.scope.ports.has(port)) return null;
      return resolve(frame, port, undefined);
    },
    outputCarrier: (instancePath, port) => {
      const frame = frameAt(instancePath);
      const output = frame?.scope.definition?.outputs.find((candidate) => candidate.name === port);
      if (frame?.instance == null || output === undefined) return null;
      return resolve(frame, output.node, undefined);
    },
    flatEdges: (edgePath) => {
      const cut = edgePath.lastIndexOf('/');
      const start = frameAt(cut < 0 ? '' : edgePath.slice(0, cut));
      const first = start?.scope.spec.edges.find((edge) => edge.id === edgePath.slice(cut + 1));
      if (start === undefined || first === undefined) return [];
      // Follow the value the edge carries to every plain consumer: into instance ports, and out
      // through instance outputs that pass an input straight through.
      const found: EdgeId[] = [];
      const pending: [Frame, GraphEdge][] = [[start, first]];
      while (pending.length > 0) {
        const [frame, edge] = pending.pop()!;
        const target = frame.scope.nodes.get(edge.target)!;
        if (!isInstance(target)) {
          const id = `${frame.prefix}${edge.id}`;
          if (edgeIds.has(id)) found.push(edgeId(id));
          continue;
        }
        // The value now sits at port node `edge.targetPort` inside the instance.
        const reached: [Frame, string, PortName | undefined][] = [
          [childFrame(frame, target), edge.targetPort, undefined],
        ];
        while (reached.length > 0) {
          const [at, id, port] = reached.pop()!;
          for (const next of edgesFrom(at.scope, id)) {
            if (next.sourcePort === port || port === undefined) pending.push([at, next]);
          }
          const definition = at.scope.definition;
          if (at.parent === null || definition === null) continue;
          for (const output of definition.outputs) {
            if (output.node !== id) continue;
            const single = definition.outputs.length === 1;
            for (const next of edgesFrom(at.parent.scope, at.instance!.id)) {
              if (next.sourcePort === output.name || (single && next.sourcePort === undefined)) {
                pending.push([at.parent, next]);
              }
            }
          }
        }
      }
      return found;
    },
    locate: (flatId) => {
      const inner = locations.get(flatId);
      if (inner !== undefined) {
        const { frame, ...rest } = inner;
        return { instancePath: pathOf(frame), ...rest };
      }
      return nodeIds.has(flatId) ? { instancePath: [], node: flatId } : undefined;
    },
  };
  return { ok: true, graph, map };
};
