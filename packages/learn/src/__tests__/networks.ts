// Test support: documents of small networks of composite tanh neurons trained on a dataset.
import type {
  CompositeDefinition,
  DatasetGenerator,
  EdgeId,
  GraphDocument,
  GraphEdge,
  GraphNode,
  NodeId,
  PortName,
} from '@chainrule/graph-runtime';
import { createRandom } from '../data/random';

const node = (id: string, op: string, params?: Record<string, unknown>): GraphNode => ({
  id: id as NodeId,
  op,
  ...(params ? { params } : {}),
});

const edgeMaker = () => {
  let count = 0;
  return (source: string, target: string, targetPort: string, sourcePort?: string): GraphEdge => ({
    id: `e${++count}` as EdgeId,
    source: source as NodeId,
    target: target as NodeId,
    targetPort: targetPort as PortName,
    ...(sourcePort === undefined ? {} : { sourcePort: sourcePort as PortName }),
  });
};

/** `neuronK`: a = tanh(w1·x1 + … + wK·xK + b), parameters w1 … wK, b. */
export const neuronDefinition = (k: number): CompositeDefinition => {
  const edge = edgeMaker();
  const nodes: GraphNode[] = [node('b', 'input', { value: 0 })];
  const edges: GraphEdge[] = [];
  let sum = '';
  for (let i = 1; i <= k; i++) {
    nodes.push(node(`x${i}`, 'input', { value: 0 }), node(`w${i}`, 'input', { value: 0 }));
    nodes.push(node(`m${i}`, 'mul'));
    edges.push(edge(`w${i}`, `m${i}`, 'a'), edge(`x${i}`, `m${i}`, 'b'));
    if (i === 1) sum = 'm1';
    else {
      nodes.push(node(`s${i}`, 'add'));
      edges.push(edge(sum, `s${i}`, 'a'), edge(`m${i}`, `s${i}`, 'b'));
      sum = `s${i}`;
    }
  }
  nodes.push(node('z', 'add'), node('a', 'tanh'));
  edges.push(edge(sum, 'z', 'a'), edge('b', 'z', 'b'), edge('z', 'a', 'x'));
  const ports = Array.from({ length: k }, (_, i) => `x${i + 1}` as PortName);
  return {
    name: `neuron${k}`,
    inputs: ports,
    parameters: [
      ...ports.map((_, i) => ({ name: `w${i + 1}` as PortName, default: 0 })),
      { name: 'b' as PortName, default: 0 },
    ],
    outputs: [{ name: 'a' as PortName, node: 'a' as NodeId }],
    graph: { nodes, edges },
  };
};

/** Settings of {@link networkDocument}. */
export interface NetworkSettings {
  readonly generator: Exclude<DatasetGenerator, 'line'>;
  readonly size: number;
  readonly noise: number;
  readonly seed: number;
  /** Neurons per layer; the last layer should be 1 (the output `out`). */
  readonly widths: readonly number[];
  /** Seed of the starting weights, uniform in [−1, 1]. */
  readonly weightSeed: number;
  /** How J reduces the per-sample loss (out − t)², t = 2y − 1. */
  readonly reduce: 'mean' | 'sum';
  readonly test?: number;
}

/**
 * A document: a dataset node `data` (x1, x2, y) feeding layers of neuron instances, the last one
 * `out`, and J = reduce((out − (2y − 1))²).
 */
export const networkDocument = (settings: NetworkSettings): GraphDocument => {
  const edge = edgeMaker();
  const random = createRandom(settings.weightSeed);
  const nodes: GraphNode[] = [node('data', 'dataset', { dataset: 'points' })];
  const edges: GraphEdge[] = [];
  let sources: { id: string; port?: string }[] = [
    { id: 'data', port: 'x1' },
    { id: 'data', port: 'x2' },
  ];
  const arities = new Set<number>();
  settings.widths.forEach((width, layer) => {
    const k = sources.length;
    arities.add(k);
    const next: { id: string }[] = [];
    for (let u = 1; u <= width; u++) {
      const id = layer === settings.widths.length - 1 && width === 1 ? 'out' : `h${layer + 1}_${u}`;
      const params: Record<string, number> = { b: random.uniform(-1, 1) };
      for (let i = 1; i <= k; i++) params[`w${i}`] = random.uniform(-1, 1);
      nodes.push(node(id, `neuron${k}`, params));
      sources.forEach((source, i) => edges.push(edge(source.id, id, `x${i + 1}`, source.port)));
      next.push({ id });
    }
    sources = next;
  });
  const out = sources[0]!.id;
  nodes.push(
    node('two', 'const', { value: 2 }),
    node('one', 'const', { value: 1 }),
    node('y2', 'mul'),
    node('t', 'sub'),
    node('err', 'sub'),
    node('sq', 'square'),
    node('J', settings.reduce),
  );
  edges.push(
    edge('data', 'y2', 'a', 'y'),
    edge('two', 'y2', 'b'),
    edge('y2', 't', 'a'),
    edge('one', 't', 'b'),
    edge(out, 'err', 'a'),
    edge('t', 'err', 'b'),
    edge('err', 'sq', 'x'),
    edge('sq', 'J', 'x'),
  );
  return {
    graph: { nodes, edges, output: 'J' as NodeId },
    layout: { positions: Object.create(null) as Record<string, never> },
    definitions: [...arities].map(neuronDefinition),
    datasets: [
      {
        id: 'points',
        columns: ['x1', 'x2', 'y'],
        source: {
          kind: 'generate',
          generator: settings.generator,
          size: settings.size,
          noise: settings.noise,
          seed: settings.seed,
        },
        ...(settings.test === undefined ? {} : { split: { test: settings.test, seed: 1 } }),
      },
    ],
    training: { task: 'classification', prediction: `${out}/a`, target: 't' },
  };
};
