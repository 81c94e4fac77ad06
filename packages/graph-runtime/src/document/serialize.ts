import type { GraphNode } from '../graph/types';
import { serializeDatasetFields } from './datasets';
import { CURRENT_FORMAT_VERSION, GRAPH_FORMAT, type GraphDocument, type Position } from './types';

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
    return `${string(key)}: ${typeof value === 'number' ? number(value) : 'null'}`;
  });
  return `{ ${fields.join(', ')} }`;
};

/**
 * Writes a document as `.graph` text (format version {@link CURRENT_FORMAT_VERSION}).
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
    `"version": ${CURRENT_FORMAT_VERSION}`,
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

  const positions = doc.layout.positions;
  const nodeLines = doc.graph.nodes.map((node) => {
    const fields = [`"id": ${string(node.id)}`, `"op": ${string(node.op)}`];
    if (node.label !== undefined) fields.push(`"label": ${string(node.label)}`);
    if (node.params !== undefined) fields.push(`"params": ${params(node.params)}`);
    // Own-property lookup: a node called "constructor" must not find Object.prototype's.
    const position = Object.prototype.hasOwnProperty.call(positions, node.id)
      ? positions[node.id]
      : undefined;
    if (position !== undefined) fields.push(`"position": ${point(position)}`);
    return `    { ${fields.join(', ')} }`;
  });
  const edgeLines = doc.graph.edges.map(
    (edge) =>
      `    { "id": ${string(edge.id)}, "source": ${string(edge.source)}, "target": ${string(edge.target)}, "targetPort": ${string(edge.targetPort)} }`,
  );
  const list = (key: string, items: string[], last: boolean): void => {
    const end = last ? '' : ',';
    if (items.length === 0) {
      lines.push(`  "${key}": []${end}`);
      return;
    }
    lines.push(`  "${key}": [`);
    items.forEach((item, index) => lines.push(index < items.length - 1 ? `${item},` : item));
    lines.push(`  ]${end}`);
  };
  list('nodes', nodeLines, false);
  list('edges', edgeLines, true);
  lines.push('}');
  return `${lines.join('\n')}\n`;
};
