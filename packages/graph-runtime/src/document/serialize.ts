import type { GraphEdge, GraphNode, GraphSpec } from '../graph/types';
import { DATASET_OP } from './composites';
import { serializeDatasetFields } from './datasets';
import {
  CURRENT_FORMAT_VERSION,
  GRAPH_FORMAT,
  type CompositeDefinition,
  type GraphDocument,
  type Position,
} from './types';

const string = (value: string): string => JSON.stringify(value);

/** Numbers as JSON; `-0` becomes `0` and non-finite values (never valid in a document) `0`. */
const number = (value: number): string => (Number.isFinite(value) ? JSON.stringify(value) : '0');

const point = (position: Position): string =>
  `{ "x": ${number(position.x)}, "y": ${number(position.y)} }`;

/** Params in key order, so two saves of equal params are equal text. */
const params = (values: NonNullable<GraphNode['params']>): string => {
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return '{}';
  const fields = keys.map((key) => {
    const value = values[key];
    const text =
      typeof value === 'number'
        ? number(value)
        : typeof value === 'string'
          ? string(value)
          : 'null';
    return `${string(key)}: ${text}`;
  });
  return `{ ${fields.join(', ')} }`;
};

const nodeLine = (node: GraphNode, positions: Readonly<Record<string, Position>>): string => {
  const fields = [`"id": ${string(node.id)}`, `"op": ${string(node.op)}`];
  if (node.label !== undefined) fields.push(`"label": ${string(node.label)}`);
  if (node.params !== undefined) fields.push(`"params": ${params(node.params)}`);
  // Own-property lookup: a node called "constructor" must not find Object.prototype's.
  const position = Object.prototype.hasOwnProperty.call(positions, node.id)
    ? positions[node.id]
    : undefined;
  if (position !== undefined) fields.push(`"position": ${point(position)}`);
  return `{ ${fields.join(', ')} }`;
};

const edgeLine = (edge: GraphEdge): string => {
  const from = edge.sourcePort === undefined ? '' : `, "sourcePort": ${string(edge.sourcePort)}`;
  return `{ "id": ${string(edge.id)}, "source": ${string(edge.source)}${from}, "target": ${string(edge.target)}, "targetPort": ${string(edge.targetPort)} }`;
};

/** Writes `"key": [` items one per line `]` at an indent, or `"key": []`. */
const list = (
  lines: string[],
  indent: string,
  key: string,
  items: string[],
  last: boolean,
): void => {
  const end = last ? '' : ',';
  if (items.length === 0) {
    lines.push(`${indent}"${key}": []${end}`);
    return;
  }
  lines.push(`${indent}"${key}": [`);
  items.forEach((item, index) =>
    lines.push(`${indent}  ${item}${index < items.length - 1 ? ',' : ''}`),
  );
  lines.push(`${indent}]${end}`);
};

const graphLines = (
  lines: string[],
  indent: string,
  graph: GraphSpec,
  positions: Readonly<Record<string, Position>>,
): void => {
  list(
    lines,
    indent,
    'nodes',
    graph.nodes.map((node) => nodeLine(node, positions)),
    false,
  );
  list(lines, indent, 'edges', graph.edges.map(edgeLine), true);
};

/** One definition, its ports on one line each and its inner graph like the top-level one. */
const definitionLines = (lines: string[], definition: CompositeDefinition, last: boolean): void => {
  lines.push('    {');
  const fields = [`"name": ${string(definition.name)}`];
  if (definition.label !== undefined) fields.push(`"label": ${string(definition.label)}`);
  if (definition.description !== undefined) {
    fields.push(`"description": ${string(definition.description)}`);
  }
  if (definition.expression !== undefined) {
    fields.push(`"expression": ${string(definition.expression)}`);
  }
  fields.push(`"inputs": [${definition.inputs.map(string).join(', ')}]`);
  if (definition.parameters !== undefined) {
    const parameters = definition.parameters.map(
      (parameter) =>
        `{ "name": ${string(parameter.name)}, "default": ${number(parameter.default)} }`,
    );
    fields.push(`"parameters": [${parameters.join(', ')}]`);
  }
  const outputs = definition.outputs.map(
    (output) => `{ "name": ${string(output.name)}, "node": ${string(output.node)} }`,
  );
  fields.push(`"outputs": [${outputs.join(', ')}]`);
  for (const field of fields) lines.push(`      ${field},`);
  lines.push('      "graph": {');
  graphLines(lines, '        ', definition.graph, definition.layout?.positions ?? {});
  lines.push('      }');
  lines.push(last ? '    }' : '    },');
};

/**
 * The version a document is written as: the lowest that holds it. Version 2 only adds optional
 * things (definitions, edges' `sourcePort`, dataset nodes, datasets, training), so a document
 * without them is written as version 1, byte for byte what earlier builds wrote and can open.
 * @example formatVersionOf(seedDocument) // 1
 * @public
 */
export const formatVersionOf = (doc: GraphDocument): number => {
  const extra = doc as { readonly datasets?: unknown; readonly training?: unknown };
  if ((doc.definitions?.length ?? 0) > 0 || extra.datasets !== undefined)
    return CURRENT_FORMAT_VERSION;
  if (extra.training !== undefined) return CURRENT_FORMAT_VERSION;
  for (const edge of doc.graph.edges)
    if (edge.sourcePort !== undefined) return CURRENT_FORMAT_VERSION;
  for (const node of doc.graph.nodes) if (node.op === DATASET_OP) return CURRENT_FORMAT_VERSION;
  return 1;
};

/**
 * Writes a document as `.graph` text, in the version {@link formatVersionOf} gives it (version
 * {@link CURRENT_FORMAT_VERSION} when it uses anything version 2 added, else version 1).
 *
 * Deterministic and diff-friendly: a fixed key order, one node and one edge per line in the
 * document's order, meaning (`id`, `op`, `label`, `params`) before layout (`position`) on each
 * node line, and a final newline. Moving a node changes only the `"position"` at the end of its
 * line; changing what the graph computes changes `op`/`params`/`output` or an edge line.
 * `load → save → load → save` is byte-identical.
 * @example await writeFile('seed.graph', serializeGraphDocument(document));
 * @public
 */
export const serializeGraphDocument = (doc: GraphDocument): string => {
  const lines: string[] = ['{'];
  const header: string[] = [
    `"format": ${string(GRAPH_FORMAT)}`,
    `"version": ${formatVersionOf(doc)}`,
  ];
  if (doc.name !== undefined) header.push(`"name": ${string(doc.name)}`);
  if (doc.description !== undefined) header.push(`"description": ${string(doc.description)}`);
  if (doc.graph.output != null) header.push(`"output": ${string(doc.graph.output)}`);
  const viewport = doc.layout.viewport;
  if (viewport !== undefined) {
    header.push(
      `"viewport": { "x": ${number(viewport.x)}, "y": ${number(viewport.y)}, "zoom": ${number(viewport.zoom)} }`,
    );
  }
  header.push(...serializeDatasetFields(doc.datasets, doc.training));
  for (const field of header) lines.push(`  ${field},`);

  const definitions = doc.definitions ?? [];
  const positions = doc.layout.positions;
  list(
    lines,
    '  ',
    'nodes',
    doc.graph.nodes.map((node) => nodeLine(node, positions)),
    false,
  );
  list(lines, '  ', 'edges', doc.graph.edges.map(edgeLine), definitions.length === 0);
  if (definitions.length > 0) {
    lines.push('  "definitions": [');
    definitions.forEach((definition, index) =>
      definitionLines(lines, definition, index === definitions.length - 1),
    );
    lines.push('  ]');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
};
