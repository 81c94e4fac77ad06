import { describe, expect, it } from 'vitest';
import { createRuntime, nodeId, type GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { loadDatasetSync, type LoadedDataset } from '../data/load';
import { createDataTrainer, trainingDataFor, type TrainingData } from './dataTrainer';

const id = nodeId;
const edge = (source: string, target: string, targetPort: string) => ({
  id: `${source}-${target}-${targetPort}` as never,
  source: id(source),
  target: id(target),
  targetPort,
});

/** ŷ = w·x + b, J = mean((ŷ − y)²), with flat data nodes d/x and d/y of dataset "d". */
const lineGraph: GraphSpec = {
  nodes: [
    { id: id('d/x'), op: 'data', params: { dataset: 'd', column: 'x' } },
    { id: id('d/y'), op: 'data', params: { dataset: 'd', column: 'y' } },
    { id: id('w'), op: 'input', params: { value: 0 } },
    { id: id('b'), op: 'input', params: { value: 0 } },
    { id: id('wx'), op: 'mul' },
    { id: id('yhat'), op: 'add' },
    { id: id('err'), op: 'sub' },
    { id: id('sq'), op: 'square' },
    { id: id('J'), op: 'mean' },
  ],
  edges: [
    edge('w', 'wx', 'a'),
    edge('d/x', 'wx', 'b'),
    edge('wx', 'yhat', 'a'),
    edge('b', 'yhat', 'b'),
    edge('yhat', 'err', 'a'),
    edge('d/y', 'err', 'b'),
    edge('err', 'sq', 'x'),
    edge('sq', 'J', 'x'),
  ],
  output: id('J'),
};

const inline = (rows: number[][], test = 0): LoadedDataset => {
  const loaded = loadDatasetSync({
    id: 'd',
    columns: ['x', 'y'],
    source: { kind: 'inline', rows },
    ...(test > 0 ? { split: { test, seed: 3 } } : {}),
  });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded;
};

const dataOf = (graph: GraphSpec, datasets: LoadedDataset[]): TrainingData => {
  const data = trainingDataFor(graph, datasets);
  if (!data.ok) throw new Error(data.message);
  return data;
};

const points = [
  [-1, -1.2],
  [-0.5, 0.1],
  [0, 0.9],
  [0.5, 2.2],
  [1, 2.9],
  [0.25, 1.4],
];

describe('trainingDataFor', () => {
  it('matches data nodes with their dataset columns', () => {
    const data = dataOf(lineGraph, [inline(points)]);
    expect(data.trainSize).toBe(6);
    expect(data.testSize).toBe(0);
    expect([...data.train[id('d/x')]!]).toEqual(points.map((p) => p[0]));
  });

  it('names a missing dataset or column and refuses a graph without data', () => {
    expect(trainingDataFor(lineGraph, [])).toEqual({
      ok: false,
      message: 'd/x reads the dataset "d", which the file does not define',
    });
    const other = loadDatasetSync({
      id: 'd',
      columns: ['x', 'z'],
      source: { kind: 'inline', rows: [[1, 2]] },
    });
    expect(other.ok && trainingDataFor(lineGraph, [other])).toEqual({
      ok: false,
      message: 'd/y reads the column "y", which the dataset "d" does not have',
    });
    expect(trainingDataFor({ nodes: [], edges: [] }, [])).toEqual({
      ok: false,
      message: 'the graph reads no data: it has no dataset nodes',
    });
  });
});

describe('createDataTrainer', () => {
  it('full batch: each step is gradient descent on the mean squared error over all samples (hand-derived oracle)', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: lineGraph });
    const trainer = createDataTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.1 },
      data: dataOf(lineGraph, [inline(points)]),
    });
    let w = 0;
    let b = 0;
    for (let step = 1; step <= 25; step++) {
      let gw = 0;
      let gb = 0;
      for (const [x, y] of points) {
        const r = w * x! + b - y!;
        gw += (2 * r * x!) / points.length;
        gb += (2 * r) / points.length;
      }
      w -= 0.1 * gw;
      b -= 0.1 * gb;
      const result = trainer.step();
      expect(result.kind).toBe('stepped');
      const values = trainer.trainer.values();
      expect(values.get(id('w'))).toBeCloseTo(w, 12);
      expect(values.get(id('b'))).toBeCloseTo(b, 12);
    }
    const mse = points.reduce((sum, [x, y]) => sum + (w * x! + b - y!) ** 2, 0) / points.length;
    const last = trainer.history().at(-1)!;
    expect(last).toMatchObject({ step: 25, accuracy: null, testLoss: null, testAccuracy: null });
    expect(last.loss).toBeCloseTo(mse, 12);
    expect(trainer.history()).toHaveLength(26);
    runtime.dispose();
  });

  it('mini-batches: seeded, every sample once per epoch, the same run for the same seed', () => {
    // J = mean(w · x): with SGD at η = 1 each step lowers w by the batch's mean of x.
    const graph: GraphSpec = {
      nodes: [
        { id: id('d/x'), op: 'data', params: { dataset: 'd', column: 'x' } },
        { id: id('w'), op: 'input', params: { value: 0 } },
        { id: id('wx'), op: 'mul' },
        { id: id('J'), op: 'mean' },
      ],
      edges: [edge('w', 'wx', 'a'), edge('d/x', 'wx', 'b'), edge('wx', 'J', 'x')],
      output: id('J'),
    };
    const xs = Array.from({ length: 12 }, (_, k) => 2 ** k);
    const dataset = loadDatasetSync({
      id: 'd',
      columns: ['x'],
      source: { kind: 'inline', rows: xs.map((x) => [x]) },
    });
    if (!dataset.ok) throw new Error(dataset.message);
    const run = (seed: number) => {
      const runtime = createRuntime({ registry: standardRegistry, graph });
      const trainer = createDataTrainer(runtime, {
        registry: standardRegistry,
        optimizer: { kind: 'sgd', learningRate: 1 },
        // J = mean(w·x) is unbounded below: it must not count as exploding here.
        explosionFactor: Infinity,
        data: dataOf(graph, [dataset]),
        batch: 4,
        seed,
      });
      expect(trainer.batchSize).toBe(4);
      const drops: number[] = [];
      let w = 0;
      for (let step = 0; step < 6; step++) {
        trainer.step({ evaluate: false });
        const next = trainer.trainer.values().get(id('w'))!;
        drops.push(Math.round((w - next) * 4));
        w = next;
      }
      runtime.dispose();
      return drops;
    };
    const drops = run(7);
    // Each drop is the sum of 4 distinct powers of two: it names the batch exactly.
    const total = xs.reduce((sum, x) => sum + x, 0);
    expect(drops[0]! + drops[1]! + drops[2]!).toBe(total);
    expect(drops[3]! + drops[4]! + drops[5]!).toBe(total);
    for (const drop of drops) expect(drop.toString(2).replace(/0/g, '')).toBe('1111');
    expect(run(7)).toEqual(drops);
    expect(run(8)).not.toEqual(drops);
  });

  it('reports test loss on the held-out split and leaves the training split fed', () => {
    const many = Array.from({ length: 20 }, (_, k) => [
      k / 10 - 1,
      (2 * k) / 10 - 1 + (k % 3) * 0.1,
    ]);
    const dataset = inline(many, 0.25);
    const data = dataOf(lineGraph, [dataset]);
    expect([data.trainSize, data.testSize]).toEqual([15, 5]);
    const runtime = createRuntime({ registry: standardRegistry, graph: lineGraph });
    const trainer = createDataTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'adam', learningRate: 0.05 },
      data,
    });
    const { report } = trainer.run(40, { evaluateEvery: 10 });
    expect(trainer.history().map((entry) => entry.step)).toEqual([0, 10, 20, 30, 40]);
    const w = trainer.trainer.values().get(id('w'))!;
    const b = trainer.trainer.values().get(id('b'))!;
    const mse = (xs: Float64Array, ys: Float64Array) =>
      xs.reduce((sum, x, k) => sum + (w * x + b - ys[k]!) ** 2, 0) / xs.length;
    expect(report.testLoss).toBeCloseTo(mse(dataset.test['x']!, dataset.test['y']!), 12);
    expect(report.loss).toBeCloseTo(mse(dataset.train['x']!, dataset.train['y']!), 12);
    expect(runtime.lanes()).toBe(15);
    runtime.dispose();
  });

  it('counts accuracy by the midpoint of the labels: 0.5 for 0/1 labels, 0 for ±1', () => {
    // p = sigmoid(w·x), J = mean((p − y)²); labels from the sign of x.
    const graph: GraphSpec = {
      nodes: [
        { id: id('d/x'), op: 'data', params: { dataset: 'd', column: 'x' } },
        { id: id('d/y'), op: 'data', params: { dataset: 'd', column: 'y' } },
        { id: id('w'), op: 'input', params: { value: -1 } },
        { id: id('wx'), op: 'mul' },
        { id: id('p'), op: 'sigmoid' },
        { id: id('err'), op: 'sub' },
        { id: id('sq'), op: 'square' },
        { id: id('J'), op: 'mean' },
      ],
      edges: [
        edge('w', 'wx', 'a'),
        edge('d/x', 'wx', 'b'),
        edge('wx', 'p', 'x'),
        edge('p', 'err', 'a'),
        edge('d/y', 'err', 'b'),
        edge('err', 'sq', 'x'),
        edge('sq', 'J', 'x'),
      ],
      output: id('J'),
    };
    const accuracyAt = (rows: number[][], w: number, predictionIsTanhLike = false) => {
      const dataset = loadDatasetSync({
        id: 'd',
        columns: ['x', 'y'],
        source: { kind: 'inline', rows },
      });
      if (!dataset.ok) throw new Error(dataset.message);
      const runtime = createRuntime({ registry: standardRegistry, graph });
      runtime.setValue(id('w'), w);
      const trainer = createDataTrainer(runtime, {
        registry: standardRegistry,
        optimizer: { kind: 'sgd', learningRate: 0.1 },
        data: dataOf(graph, [dataset]),
        training: {
          task: 'classification',
          prediction: predictionIsTanhLike ? 'wx' : 'p',
          target: 'd/y',
        },
      });
      const report = trainer.evaluate();
      runtime.dispose();
      return report.accuracy;
    };
    const rows = [
      [-2, 0],
      [-1, 0],
      [1, 1],
      [2, 1],
      [0.5, 0],
    ];
    // w = 1: p ≥ 0.5 exactly where x ≥ 0, so 4 of 5 are right; w = −1 gets only [0.5, 0] right.
    expect(accuracyAt(rows, 1)).toBe(0.8);
    expect(accuracyAt(rows, -1)).toBe(0.2);
    // ±1 labels, the prediction read as a score: right when its sign matches.
    const signed = rows.map(([x, y]) => [x!, 2 * y! - 1]);
    expect(accuracyAt(signed, 1, true)).toBe(0.8);
  });

  it('is blocked, not crashing, when J cannot be trained, and stops on divergence keeping the last good values', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: lineGraph });
    const trainer = createDataTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 50 },
      data: dataOf(lineGraph, [inline(points)]),
    });
    const result = trainer.run(100);
    expect(result.status.kind).toBe('diverged');
    expect(Number.isFinite(result.report.loss)).toBe(true);
    expect(trainer.history().at(-1)!.step).toBe(result.steps);
    runtime.dispose();
  });
});
