import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  edgeId,
  nodeId,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
  type NodeGradient,
  type NodeValue,
  type Runtime,
} from '@chainrule/graph-runtime';
import { e, n, testOps, testRegistry } from './testOps';
import { mulberry32 } from './random';

const id = nodeId;

/**
 * Linear regression on data: ŷ = w·x + b, loss = (ŷ − y)², J = mean(loss).
 */
const regression = (reduce: 'mean' | 'sum' = 'mean'): GraphSpec => ({
  nodes: [
    { id: id('x'), op: 'data', params: { dataset: 'line', column: 'x' } },
    { id: id('y'), op: 'data', params: { dataset: 'line', column: 'y' } },
    n('w', 'input', 2),
    n('b', 'input', 0.5),
    n('wx', 'mul'),
    n('yhat', 'add'),
    n('diff', 'sub'),
    n('loss', 'mul'),
    n('J', reduce),
  ],
  edges: [
    e('e1', 'w', 'wx', 'a'),
    e('e2', 'x', 'wx', 'b'),
    e('e3', 'wx', 'yhat', 'a'),
    e('e4', 'b', 'yhat', 'b'),
    e('e5', 'yhat', 'diff', 'a'),
    e('e6', 'y', 'diff', 'b'),
    e('e7', 'diff', 'loss', 'a'),
    e('e8', 'diff', 'loss', 'b'),
    e('e9', 'loss', 'J', 'x'),
  ],
  output: id('J'),
});

const okValue = (state: NodeValue): number => {
  if (state.kind !== 'ok') throw new Error(`expected ok, got ${state.kind}: ${state.message}`);
  return state.value;
};
const okGrad = (state: NodeGradient): number => {
  if (state.kind !== 'ok') throw new Error(`expected an ok gradient, got ${JSON.stringify(state)}`);
  return state.value;
};

describe('lanes: a graph evaluated over a batch of samples', () => {
  const xs = [1, 2, 3, 4];
  const ys = [3, 4, 8, 9];

  it('holds one value per sample on data and on what depends on it, one on the rest', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    expect(runtime.lanes()).toBe(4);
    expect(runtime.isVarying(id('x'))).toBe(true);
    expect(runtime.isVarying(id('loss'))).toBe(true);
    expect(runtime.isVarying(id('w'))).toBe(false);
    expect(runtime.isVarying(id('J'))).toBe(false);
    // ŷ = 2x + 0.5; diff = ŷ − y = [-0.5, 0.5, -1.5, -0.5]
    expect([...runtime.laneValues(id('diff'))!]).toEqual([-0.5, 0.5, -1.5, -0.5]);
    expect(runtime.laneValues(id('w'))).toBeNull();
    const J = (0.25 + 0.25 + 2.25 + 0.25) / 4;
    expect(okValue(runtime.node(id('J')).value())).toBeCloseTo(J, 15);
    // dJ/dw = mean(2·diff·x), dJ/db = mean(2·diff)
    expect(okGrad(runtime.node(id('w')).grad())).toBeCloseTo((2 * (-0.5 + 1 - 4.5 - 2)) / 4, 14);
    expect(okGrad(runtime.node(id('b')).grad())).toBeCloseTo(
      (2 * (-0.5 + 0.5 - 1.5 - 0.5)) / 4,
      14,
    );
    // Per-sample gradients of a varying node: dJ/dloss_l = 1/B.
    expect([...runtime.laneGrads(id('loss'))!]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(runtime.laneGrads(id('w'))).toBeNull();
    runtime.dispose();
  });

  it('shows the batch mean and a summary on varying streams, or the selected sample', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    const seen: NodeValue[] = [];
    const sub = runtime.node(id('diff')).value$.subscribe((state) => seen.push(state));
    expect(seen.at(-1)).toEqual({
      kind: 'ok',
      value: -0.5,
      batch: { count: 4, mean: -0.5, min: -1.5, max: 0.5 },
    });
    runtime.setSample(2);
    expect(runtime.sample()).toBe(2);
    expect(seen.at(-1)).toMatchObject({ kind: 'ok', value: -1.5 });
    // A uniform node is not affected by the selected sample.
    expect(runtime.node(id('w')).value()).toEqual({ kind: 'ok', value: 2 });
    expect(okGrad(runtime.node(id('loss')).grad())).toBe(0.25);
    runtime.setSample(null);
    expect(seen.at(-1)).toMatchObject({ kind: 'ok', value: -0.5 });
    expect(() => runtime.setSample(4)).toThrow(/sample 4 is not in the batch/);
    sub.unsubscribe();
    runtime.dispose();
  });

  it('sum gives Σ over the samples and gradients that are the sum of per-sample ones', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression('sum') });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    expect(okValue(runtime.node(id('J')).value())).toBeCloseTo(3, 15);
    expect(okGrad(runtime.node(id('w')).grad())).toBeCloseTo(2 * (-0.5 + 1 - 4.5 - 2), 14);
    runtime.dispose();
  });

  it('re-evaluates only the varying cone once per node when a parameter moves', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    const before = runtime.stats().evaluations;
    runtime.setValue(id('b'), 1);
    // b, yhat, diff, loss, J: each once.
    expect(runtime.stats().evaluations - before).toBe(5);
    runtime.dispose();
  });

  it('says a data node was never fed, instead of inventing numbers', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    expect(runtime.node(id('x')).value()).toEqual({
      kind: 'error',
      message: 'no data: feed this column',
    });
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked', cause: 'x' });
    runtime.feed({ [id('x')]: xs });
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked', cause: 'y' });
    runtime.dispose();
  });

  it('names the sample of a domain error and blocks what is downstream', () => {
    const graph: GraphSpec = {
      nodes: [{ id: id('x'), op: 'data' }, n('lx', 'log'), n('J', 'mean')],
      edges: [e('e1', 'x', 'lx', 'x'), e('e2', 'lx', 'J', 'x')],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    const column = Array.from({ length: 200 }, (_, l) => l + 1);
    column[16] = 0;
    runtime.feed({ [id('x')]: column });
    expect(runtime.node(id('lx')).value()).toEqual({
      kind: 'error',
      message: 'log needs x > 0, got 0 (sample 17 of 200)',
    });
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked', cause: 'lx' });
    column[16] = 17;
    runtime.feed({ [id('x')]: column });
    expect(runtime.node(id('lx')).value().kind).toBe('ok');
    runtime.dispose();
  });

  it('names the sample of a generic op error and of a non-finite data value', () => {
    const graph: GraphSpec = {
      nodes: [{ id: id('x'), op: 'data' }, n('r', 'sqrt'), n('J', 'sum')],
      edges: [e('e1', 'x', 'r', 'x'), e('e2', 'r', 'J', 'x')],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    runtime.feed({ [id('x')]: [4, 1, -9] });
    expect(runtime.node(id('r')).value()).toEqual({
      kind: 'error',
      message: 'sqrt needs x ≥ 0, got -9 (sample 3 of 3)',
    });
    runtime.feed({ [id('x')]: [4, Number.NaN, 1] });
    expect(runtime.node(id('x')).value()).toEqual({
      kind: 'error',
      message: '"x" is NaN at sample 2 of 3: data must be finite numbers',
    });
    // sqrt has an infinite slope at 0 in sample 1: that gradient is unavailable, naming it.
    runtime.feed({ [id('x')]: [0, 1, 4] });
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 3 });
    expect(runtime.node(id('x')).grad()).toEqual({
      kind: 'unavailable',
      message: 'no gradient: sqrt has an infinite slope at x = 0 (sample 1 of 3)',
    });
    runtime.dispose();
  });

  it('refuses gradients of a J that still has one value per sample', () => {
    const graph: GraphSpec = { ...regression(), output: id('loss') };
    const runtime = createRuntime({ registry: testRegistry, graph });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    expect(runtime.node(id('w')).grad()).toEqual({
      kind: 'unavailable',
      message:
        'no gradients: the output "loss" has one value per sample; reduce it with mean or sum to get gradients',
    });
    // One sample: J is one number again.
    runtime.feed({ [id('x')]: [2], [id('y')]: [4] });
    expect(okGrad(runtime.node(id('w')).grad())).toBe(2 * 0.5 * 2);
    runtime.dispose();
  });

  it('refuses ragged columns, non-data ids and setValue on a data node', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    expect(() => runtime.feed({ [id('x')]: [1, 2], [id('y')]: [1] })).toThrow(
      /same number of samples/,
    );
    expect(() => runtime.feed({ [id('w')]: [1] })).toThrow(/only data nodes take samples/);
    expect(() => runtime.feed({ [id('x')]: [] })).toThrow(/at least one sample/);
    expect(() => runtime.setValue(id('x'), 1)).toThrow(/runtime.feed/);
    expect(runtime.lanes()).toBe(1);
    runtime.dispose();
  });

  it('shows a column fed with another batch size as an error until it is fed again', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    runtime.feed({ [id('x')]: [1, 2] });
    expect(runtime.lanes()).toBe(2);
    expect(runtime.node(id('y')).value()).toEqual({
      kind: 'error',
      message: '"y" has 4 samples but the batch has 2: feed every column together',
    });
    runtime.dispose();
  });

  it('rolls a feed back with the batch that threw', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    const J = runtime.node(id('J')).value();
    expect(() =>
      runtime.batch(() => {
        runtime.feed({ [id('x')]: [0], [id('y')]: [0] });
        runtime.setSample(0);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(runtime.lanes()).toBe(4);
    expect(runtime.sample()).toBeNull();
    expect(runtime.node(id('J')).value()).toEqual(J);
    runtime.dispose();
  });

  it('follows structural edits: a node stops varying when its data edge goes', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: regression() });
    runtime.feed({ [id('x')]: xs, [id('y')]: ys });
    runtime.removeEdge(edgeId('e2'));
    expect(runtime.isVarying(id('wx'))).toBe(false);
    expect(runtime.node(id('wx')).value()).toMatchObject({ kind: 'blocked', port: 'b' });
    runtime.addEdge(e('e2b', 'b', 'wx', 'b'));
    expect(runtime.node(id('wx')).value()).toEqual({ kind: 'ok', value: 1 });
    expect(runtime.isVarying(id('yhat'))).toBe(false);
    expect(runtime.isVarying(id('diff'))).toBe(true);
    runtime.removeNode(id('y'));
    runtime.addNode(n('y', 'const', 1));
    runtime.addEdge(e('e6b', 'y', 'diff', 'b'));
    expect(runtime.isVarying(id('diff'))).toBe(false);
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 0.25 });
    runtime.dispose();
  });

  it('leaves graphs without data exactly as before (one lane, plain values)', () => {
    const graph: GraphSpec = {
      nodes: [n('a', 'input', 2), n('J', 'sum')],
      edges: [e('e1', 'a', 'J', 'x')],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    expect(runtime.lanes()).toBe(1);
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 2 });
    expect(runtime.node(id('a')).grad()).toEqual({ kind: 'ok', value: 1 });
    runtime.dispose();
  });
});

// ------------------------------------------------------------------ batched = Σ single runs

const unaryOps = testOps.filter((op) => op.kind === 'function' && op.inputs.length === 1);
const binaryOps = testOps.filter((op) => op.kind === 'function' && op.inputs.length === 2);

/**
 * A random graph over data columns and parameters whose every node is defined on the sampled
 * data (log, sqrt only of exp(·), so the comparison is about gradients, not domain errors),
 * ending in J = mean or sum of a varying node.
 */
export const randomBatchGraph = (
  random: () => number,
  size: number,
  reduce: 'mean' | 'sum',
): { graph: GraphSpec; columns: NodeId[]; params: NodeId[] } => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const columns: NodeId[] = [];
  const params: NodeId[] = [];
  const varying: NodeId[] = [];
  let edge = 0;
  const connect = (source: NodeId, target: NodeId, port: string): void => {
    edges.push({ id: edgeId(`e${edge++}`), source, target, targetPort: port });
  };
  for (let c = 0; c < 2; c++) {
    const column = id(`x${c}`);
    nodes.push({ id: column, op: 'data' });
    columns.push(column);
    varying.push(column);
  }
  for (let p = 0; p < 3; p++) {
    const param = id(`w${p}`);
    nodes.push({
      id: param,
      op: 'input',
      params: { value: Math.round((random() * 2 - 1) * 100) / 100 },
    });
    params.push(param);
  }
  const all = (): NodeId[] => nodes.map((node) => node.id);
  for (let index = 0; index < size; index++) {
    const node = id(`n${index}`);
    if (random() < 0.5) {
      const op = pick(unaryOps);
      nodes.push({ id: node, op: op.id });
      if (op.id === 'log' || op.id === 'sqrt') {
        // Defined everywhere: of exp(·) of something.
        const inner = id(`n${index}exp`);
        nodes.splice(nodes.length - 1, 0, { id: inner, op: 'exp' });
        connect(pick(varying), inner, 'x');
        connect(inner, node, 'x');
      } else if (op.id === 'exp') {
        // Keep exp small: of tanh(·).
        const inner = id(`n${index}tanh`);
        nodes.splice(nodes.length - 1, 0, { id: inner, op: 'tanh' });
        connect(pick(all().slice(0, -2)), inner, 'x');
        connect(inner, node, 'x');
      } else connect(pick(all().slice(0, -1)), node, 'x');
    } else {
      const op = pick(binaryOps);
      nodes.push({ id: node, op: op.id });
      connect(pick(varying), node, 'a');
      connect(pick(all().slice(0, -1)), node, 'b');
    }
    varying.push(node);
  }
  // Every param reaches J through at least one varying node.
  let last = varying[varying.length - 1]!;
  for (const param of params) {
    const mix = id(`mix_${param}`);
    nodes.push({ id: mix, op: 'mul' });
    connect(param, mix, 'a');
    connect(last, mix, 'b');
    const squashed = id(`tanh_${param}`);
    nodes.push({ id: squashed, op: 'tanh' });
    connect(mix, squashed, 'x');
    last = squashed;
  }
  nodes.push({ id: id('J'), op: reduce });
  connect(last, id('J'), 'x');
  return { graph: { nodes, edges, output: id('J') }, columns, params };
};

type NodeId = ReturnType<typeof nodeId>;

describe('batched gradients are exactly the reduction of single-sample runs', () => {
  it('on random graphs, for mean and sum, within 1e-9 (seeded)', { timeout: 120_000 }, () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? 14);
    const random = mulberry32(seed);
    for (let run = 0; run < 30; run++) {
      const reduce = run % 2 === 0 ? 'mean' : 'sum';
      const { graph, columns, params } = randomBatchGraph(
        random,
        4 + Math.floor(random() * 20),
        reduce,
      );
      const lanes = 1 + Math.floor(random() * 12);
      const data = Object.fromEntries(
        columns.map((column) => [
          column,
          Array.from({ length: lanes }, () => Math.round((random() * 4 - 2) * 100) / 100),
        ]),
      );
      const batched = createRuntime({ registry: testRegistry, graph });
      batched.feed(data);
      expect(batched.lanes()).toBe(lanes);
      const single: Runtime = createRuntime({ registry: testRegistry, graph });
      const total = new Map<NodeId, number>(params.map((param) => [param, 0]));
      let J = 0;
      for (let l = 0; l < lanes; l++) {
        single.feed(Object.fromEntries(columns.map((column) => [column, [data[column]![l]!]])));
        J += okValue(single.node(id('J')).value());
        for (const param of params) {
          total.set(param, total.get(param)! + okGrad(single.node(param).grad()));
        }
        // Per-sample values and gradients of varying nodes are the single run's.
        for (const node of graph.nodes) {
          if (!batched.isVarying(node.id)) continue;
          const laneValue = batched.laneValues(node.id)![l]!;
          expect(laneValue, `${node.id} sample ${l} (run ${run})`).toBe(
            okValue(single.node(node.id).value()),
          );
          const laneGrad = batched.laneGrads(node.id)![l]!;
          const want = okGrad(single.node(node.id).grad()) / (reduce === 'mean' ? lanes : 1);
          expect(Math.abs(laneGrad - want), `d${node.id} sample ${l}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(want)),
          );
        }
      }
      const scale = reduce === 'mean' ? 1 / lanes : 1;
      const wantJ = J * scale;
      expect(Math.abs(okValue(batched.node(id('J')).value()) - wantJ)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(wantJ)),
      );
      for (const param of params) {
        const want = total.get(param)! * scale;
        const got = okGrad(batched.node(param).grad());
        expect(
          Math.abs(got - want),
          `d${param} (run ${run}, ${reduce}, B = ${lanes})`,
        ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }
      batched.dispose();
      single.dispose();
    }
  });
});
