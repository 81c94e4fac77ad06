import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRuntime,
  flattenDocument,
  edgeId,
  nodeId,
  parseGraphDocument,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
  type NodeId,
} from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

/** One graph of the test corpus, with what `chainrule eval` (the engine) says about it. */
export interface CorpusGraph {
  readonly name: string;
  readonly graph: GraphSpec;
  /** J and dJ/dinput from `createRuntime`, or the reason the engine cannot compute them. */
  readonly expected:
    | { readonly ok: true; readonly output: number; readonly grads: Record<string, number> }
    | { readonly ok: false };
}

export const examplesFolder = join(import.meta.dirname, '../../../../examples');

/** J and every input's gradient, read from the engine like `chainrule eval` does. */
export const engineResult = (graph: GraphSpec): CorpusGraph['expected'] => {
  const runtime = createRuntime({ registry: standardRegistry, graph });
  try {
    const output = graph.output ?? null;
    if (output === null) return { ok: false };
    const value = runtime.node(output).value();
    if (value.kind !== 'ok') return { ok: false };
    // Entries, then fromEntries: an id such as `__proto__` must become an own key.
    const entries: [string, number][] = [];
    for (const node of graph.nodes) {
      if (node.op !== 'input') continue;
      const grad = runtime.node(node.id).grad();
      if (grad.kind !== 'ok') return { ok: false };
      entries.push([node.id, grad.value]);
    }
    const grads = Object.fromEntries(entries);
    // A gradient anywhere in J's cone may be undefined (an infinite slope) while the inputs'
    // are fine; the export refuses those too.
    for (const node of graph.nodes) {
      if (runtime.node(node.id).grad().kind === 'unavailable') {
        const state = runtime.node(node.id).value();
        if (state.kind === 'ok') return { ok: false };
      }
    }
    // An infinite slope that a zero gradient crosses (0 · ∞, taken as 0 by the engine) is
    // refused by the export: found here from the op's derivative, like the engine does.
    for (const node of graph.nodes) {
      const op = standardRegistry.get(node.op)!;
      const state = runtime.node(node.id).value();
      if (op.kind !== 'function' || state.kind !== 'ok') continue;
      const args = op.inputs.map((port) => {
        const edge = graph.edges.find((e) => e.target === node.id && e.targetPort === port)!;
        const input = runtime.node(edge.source).value();
        return input.kind === 'ok' ? input.value : Number.NaN;
      });
      if (op.derivatives.some((d) => !Number.isFinite(d.fn(...args, state.value))))
        return { ok: false };
    }
    return { ok: true, output: value.value, grads };
  } finally {
    runtime.dispose();
  }
};

/**
 * Every `examples/*.graph`, composites flattened, except those that read datasets: an export
 * refuses them (packages/cli/src/data.test.ts checks the refusal on the gallery's).
 */
export const exampleGraphs = (): CorpusGraph[] =>
  readdirSync(examplesFolder)
    .filter((file) => file.endsWith('.graph'))
    .sort()
    .flatMap((file) => {
      const parsed = parseGraphDocument(
        readFileSync(join(examplesFolder, file), 'utf8'),
        standardRegistry,
      );
      if (!parsed.ok) throw new Error(`examples/${file} does not parse`);
      if ((parsed.document.datasets ?? []).length > 0) return [];
      const flat = flattenDocument(parsed.document, { registry: standardRegistry });
      if (!flat.ok) throw new Error(`examples/${file} does not flatten`);
      const graph = flat.graph;
      return [{ name: `examples/${file}`, graph, expected: engineResult(graph) }];
    });

/** A small, fast, seedable PRNG (mulberry32). */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** The run's seed: `EXPORT_SEED` to replay, else a fresh one (printed on any failure). */
export const corpusSeed: number = process.env['EXPORT_SEED']
  ? Number(process.env['EXPORT_SEED'])
  : Math.floor(Math.random() * 2 ** 31);

const functionOps = standardRegistry.list().filter((op) => op.kind === 'function');

/** Values that hit the kinks (0, ties, integers for pow) as well as ordinary points. */
const pickValue = (random: () => number): number => {
  const roll = random();
  if (roll < 0.15) return 0;
  if (roll < 0.35) return Math.round(random() * 6 - 3);
  return Math.round((random() * 4 - 2) * 1000) / 1000;
};

/** Ids that are hard to turn into identifiers, mixed into the random graphs. */
const awkwardIds = [
  '__proto__',
  'lambda',
  'λ',
  '1st',
  'a b',
  'dJ_da',
  'class',
  'x-y',
  'np',
  'ü\u2028"',
];

/**
 * `count` random graphs over every function op of the registry (each op is used by at least one
 * graph: graph k starts with op k), with values that land on kinks, all computable by the engine.
 */
export const randomGraphs = (seed: number, count: number): CorpusGraph[] => {
  const random = createRandom(seed);
  const graphs: CorpusGraph[] = [];
  for (let index = 0; graphs.length < count && index < count * 50; index++) {
    const graphIndex = graphs.length;
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const inputCount = 1 + Math.floor(random() * 4);
    for (let k = 0; k < inputCount; k++) {
      const awkward = random() < 0.3 ? awkwardIds[Math.floor(random() * awkwardIds.length)]! : '';
      const id = nodeId(awkward !== '' && !nodes.some((n) => n.id === awkward) ? awkward : `x${k}`);
      nodes.push({ id, op: 'input', params: { value: pickValue(random) } });
    }
    if (random() < 0.5)
      nodes.push({ id: nodeId('k'), op: 'const', params: { value: pickValue(random) } });
    const layers = 2 + Math.floor(random() * 10);
    for (let layer = 0; layer < layers; layer++) {
      const op =
        layer === 0
          ? functionOps[graphIndex % functionOps.length]!
          : functionOps[Math.floor(random() * functionOps.length)]!;
      const id = nodeId(`n${layer}`);
      for (const port of op.inputs) {
        // Prefer recent nodes so graphs are deep, not just wide.
        const span = Math.min(nodes.length, 4);
        const source =
          random() < 0.7
            ? nodes[nodes.length - 1 - Math.floor(random() * span)]!
            : nodes[Math.floor(random() * nodes.length)]!;
        edges.push({
          id: edgeId(`e${edges.length}`),
          source: source.id,
          target: id,
          targetPort: port,
        });
      }
      nodes.push({ id, op: op.id });
    }
    const output: NodeId = nodes[nodes.length - 1]!.id;
    const graph: GraphSpec = { nodes, edges, output };
    const expected = engineResult(graph);
    if (!expected.ok) continue;
    // Keep the numbers in a range where 1e-9 relative is about the export, not about overflow.
    const magnitudes = [expected.output, ...Object.values(expected.grads)].map(Math.abs);
    if (magnitudes.some((value) => value > 1e12)) continue;
    graphs.push({ name: `random #${graphIndex} (seed ${String(seed)})`, graph, expected });
  }
  if (graphs.length < count)
    throw new Error(`only ${String(graphs.length)} random graphs with seed ${String(seed)}`);
  return graphs;
};

/** Graphs sitting exactly on each op's kink or convention, where targets' own rules differ. */
export const kinkGraphs = (): CorpusGraph[] => {
  const unary = (op: string, x: number): GraphSpec => ({
    nodes: [
      { id: nodeId('x'), op: 'input', params: { value: x } },
      { id: nodeId('y'), op },
    ],
    edges: [{ id: edgeId('e'), source: nodeId('x'), target: nodeId('y'), targetPort: 'x' }],
    output: nodeId('y'),
  });
  const binary = (op: string, a: number, b: number): GraphSpec => ({
    nodes: [
      { id: nodeId('a'), op: 'input', params: { value: a } },
      { id: nodeId('b'), op: 'input', params: { value: b } },
      { id: nodeId('y'), op },
    ],
    edges: [
      { id: edgeId('ea'), source: nodeId('a'), target: nodeId('y'), targetPort: 'a' },
      { id: edgeId('eb'), source: nodeId('b'), target: nodeId('y'), targetPort: 'b' },
    ],
    output: nodeId('y'),
  });
  const cases: [string, GraphSpec][] = [
    ['relu at 0', unary('relu', 0)],
    ['abs at 0', unary('abs', 0)],
    ['abs at -0', unary('abs', -0)],
    ['max tie', binary('max', 2, 2)],
    ['min tie', binary('min', -1, -1)],
    ['pow with a negative base', binary('pow', -2, 3)],
    ['pow with exponent 0 at base 0', binary('pow', 0, 0)],
    ['pow with base 0', binary('pow', 0, 2)],
    ['sigmoid far left', unary('sigmoid', -30)],
    ['tiny divisor', binary('div', 1e-160, 1e-160)],
  ];
  return cases.map(([name, graph]) => ({
    name: `kink: ${name}`,
    graph,
    expected: engineResult(graph),
  }));
};

/** Whether two numbers agree within `relative` (with an absolute floor for values near 0). */
export const relativeError = (actual: number, expected: number): number => {
  if (Object.is(actual, expected) || actual === expected) return 0;
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  return Math.abs(actual - expected) / Math.max(scale, 1e-300);
};

/** Within `tolerance` relative, or within 1e-12 absolute for values that cancel to about 0. */
export const agrees = (actual: number, expected: number, tolerance: number): boolean =>
  relativeError(actual, expected) <= tolerance || Math.abs(actual - expected) <= 1e-12;
