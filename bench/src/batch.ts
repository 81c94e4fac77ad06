/**
 * Batches (#14): one parameter edit on a ~200-node network evaluated over B = 1,000 samples,
 * the engine (lanes) against A written for batches: a hand-written loop over `Float64Array`
 * lanes, forward then reverse, every node holding B values, the op maths written a second time
 * (`opMath.ts`) with the `switch` hoisted out of the lane loop.
 */
import {
  nodeId,
  topologicalOrder,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
  type NodeId,
} from '@chainrule/graph-runtime';
import { createEngineSubject } from './engine';
import { familyChecks, raceApart } from './scenarios';
import type { BenchOptions, FamilyResult, ScenarioResult } from './scenarios';
import { OpCode, derivativeA, derivativeB, forwardOf, isBinaryCode, opCodeOf } from './opMath';
import { createPrng } from './prng';
import type { Summary } from './timing';

/** The hand-written loop over the batch (named like every family's A, which ratios are taken against). */
const A = 'A loop';
const ENGINE = 'engine';

/** A network on a dataset: the graph, its data columns and the parameter the edit moves. */
export interface BatchFamily {
  readonly key: string;
  readonly description: string;
  readonly spec: GraphSpec;
  readonly columns: Readonly<Record<NodeId, Float64Array>>;
  readonly lanes: number;
  /** The parameters (trainable inputs), the first being the edited one. */
  readonly params: readonly NodeId[];
}

/**
 * A one-hidden-layer tanh network on two data columns with squared loss, J = mean over the
 * samples: 11 nodes per hidden unit, so `hidden = 18` gives about 200 nodes.
 */
export const batchFamily = (hidden = 18, lanes = 1_000, seed = 14): BatchFamily => {
  const rng = createPrng(seed);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const params: NodeId[] = [];
  const node = (id: string, op: string, value?: number): NodeId => {
    const nid = nodeId(id);
    nodes.push(value === undefined ? { id: nid, op } : { id: nid, op, params: { value } });
    if (op === 'input') params.push(nid);
    return nid;
  };
  const edge = (source: NodeId, target: NodeId, port: string): void => {
    edges.push({ id: `e${edges.length}` as GraphEdge['id'], source, target, targetPort: port });
  };
  const op = (id: string, name: string, a: NodeId, b?: NodeId): NodeId => {
    const nid = node(id, name);
    edge(a, nid, b === undefined ? 'x' : 'a');
    if (b !== undefined) edge(b, nid, 'b');
    return nid;
  };
  const x1 = node('x1', 'data');
  const x2 = node('x2', 'data');
  const y = node('y', 'data');
  let sum: NodeId | null = null;
  for (let h = 0; h < hidden; h++) {
    const w1 = node(`h${h}/w1`, 'input', Math.round(rng.uniform(-1, 1) * 100) / 100);
    const w2 = node(`h${h}/w2`, 'input', Math.round(rng.uniform(-1, 1) * 100) / 100);
    const b = node(`h${h}/b`, 'input', Math.round(rng.uniform(-0.5, 0.5) * 100) / 100);
    const m1 = op(`h${h}/m1`, 'mul', w1, x1);
    const m2 = op(`h${h}/m2`, 'mul', w2, x2);
    const s1 = op(`h${h}/s1`, 'add', m1, m2);
    const s2 = op(`h${h}/s2`, 'add', s1, b);
    const t = op(`h${h}/t`, 'tanh', s2);
    const v = node(`h${h}/v`, 'input', Math.round(rng.uniform(-1, 1) * 100) / 100);
    const out = op(`h${h}/out`, 'mul', v, t);
    sum = sum === null ? out : op(`sum${h}`, 'add', sum, out);
  }
  const bias = node('bias', 'input', 0.1);
  const prediction = op('prediction', 'add', sum!, bias);
  const diff = op('diff', 'sub', prediction, y);
  const loss = op('loss', 'square', diff);
  op('J', 'mean', loss);
  const columns: Record<NodeId, Float64Array> = {};
  const c1 = new Float64Array(lanes);
  const c2 = new Float64Array(lanes);
  const cy = new Float64Array(lanes);
  for (let l = 0; l < lanes; l++) {
    c1[l] = rng.uniform(-2, 2);
    c2[l] = rng.uniform(-2, 2);
    cy[l] = c1[l]! * c1[l]! + c2[l]! * c2[l]! < 1.5 ? 1 : -1;
  }
  columns[x1] = c1;
  columns[x2] = c2;
  columns[y] = cy;
  return {
    key: `batch-${nodes.length}`,
    description: `A one-hidden-layer tanh network (${hidden} units) on two data columns with squared loss, J = mean over B = ${lanes.toLocaleString('en-US')} samples (a circle dataset); the edit moves the first weight`,
    spec: { nodes, edges, output: nodeId('J') },
    columns,
    lanes,
    params,
  };
};

const PARAM = 250;
const DATA = 251;
const MEAN = 252;

/** A over a batch: every node holds B lanes; parameter gradients are summed over them. */
export interface BatchLoop {
  setParam(id: NodeId, value: number): void;
  /** Full forward then full reverse over every lane. */
  evaluate(): void;
  output(): number;
  /** dJ/dparam (the sum over the lanes). */
  grad(id: NodeId): number;
}

export const createBatchLoop = (family: BatchFamily): BatchLoop => {
  const { spec, lanes: B } = family;
  const order = topologicalOrder(spec);
  const size = order.length;
  const index = new Map<NodeId, number>(order.map((id, k) => [id, k]));
  const code = new Uint8Array(size);
  const argA = new Int32Array(size).fill(-1);
  const argB = new Int32Array(size).fill(-1);
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  for (let k = 0; k < size; k++) {
    const op = byId.get(order[k]!)!.op;
    code[k] = op === 'input' ? PARAM : op === 'data' ? DATA : op === 'mean' ? MEAN : opCodeOf(op);
  }
  for (const edge of spec.edges) {
    const t = index.get(edge.target)!;
    if (edge.targetPort === 'b') argB[t] = index.get(edge.source)!;
    else argA[t] = index.get(edge.source)!;
  }
  const values = new Float64Array(size * B);
  const grads = new Float64Array(size * B);
  const sums = new Float64Array(size);
  for (const node of spec.nodes) {
    const k = index.get(node.id)!;
    if (code[k] === PARAM) values.fill(node.params!['value'] as number, k * B, k * B + B);
    if (code[k] === DATA) values.set(family.columns[node.id]!, k * B);
  }
  const output = index.get(spec.output!)!;
  let J = 0;

  const forward = (): void => {
    for (let k = 0; k < size; k++) {
      const c = code[k]!;
      if (c === PARAM || c === DATA) continue;
      const o = k * B;
      const a = argA[k]! * B;
      if (c === MEAN) {
        let total = 0;
        for (let l = 0; l < B; l++) total += values[a + l]!;
        J = total / B;
        continue;
      }
      const b = argB[k]! * B;
      switch (c) {
        case OpCode.add:
          for (let l = 0; l < B; l++) values[o + l] = values[a + l]! + values[b + l]!;
          break;
        case OpCode.sub:
          for (let l = 0; l < B; l++) values[o + l] = values[a + l]! - values[b + l]!;
          break;
        case OpCode.mul:
          for (let l = 0; l < B; l++) values[o + l] = values[a + l]! * values[b + l]!;
          break;
        case OpCode.square:
          for (let l = 0; l < B; l++) values[o + l] = values[a + l]! * values[a + l]!;
          break;
        case OpCode.tanh:
          for (let l = 0; l < B; l++) values[o + l] = Math.tanh(values[a + l]!);
          break;
        default:
          for (let l = 0; l < B; l++) {
            values[o + l] = forwardOf(c, values[a + l]!, b < 0 ? 0 : values[b + l]!);
          }
      }
    }
  };

  const backward = (): void => {
    grads.fill(0);
    const mean = argA[output]! * B;
    for (let l = 0; l < B; l++) grads[mean + l] = 1 / B;
    for (let k = size - 1; k >= 0; k--) {
      const c = code[k]!;
      if (c === PARAM || c === DATA || c === MEAN) continue;
      const o = k * B;
      const a = argA[k]! * B;
      const b = argB[k]! * B;
      switch (c) {
        case OpCode.add:
          for (let l = 0; l < B; l++) {
            const g = grads[o + l]!;
            grads[a + l] = grads[a + l]! + g;
            grads[b + l] = grads[b + l]! + g;
          }
          break;
        case OpCode.sub:
          for (let l = 0; l < B; l++) {
            const g = grads[o + l]!;
            grads[a + l] = grads[a + l]! + g;
            grads[b + l] = grads[b + l]! - g;
          }
          break;
        case OpCode.mul:
          for (let l = 0; l < B; l++) {
            const g = grads[o + l]!;
            grads[a + l] = grads[a + l]! + g * values[b + l]!;
            grads[b + l] = grads[b + l]! + g * values[a + l]!;
          }
          break;
        case OpCode.square:
          for (let l = 0; l < B; l++)
            grads[a + l] = grads[a + l]! + grads[o + l]! * 2 * values[a + l]!;
          break;
        case OpCode.tanh:
          for (let l = 0; l < B; l++) {
            const out = values[o + l]!;
            grads[a + l] = grads[a + l]! + grads[o + l]! * (1 - out * out);
          }
          break;
        default:
          for (let l = 0; l < B; l++) {
            const g = grads[o + l]!;
            const x = values[a + l]!;
            const y = isBinaryCode(c) ? values[b + l]! : 0;
            grads[a + l] = grads[a + l]! + g * derivativeA(c, x, y, values[o + l]!);
            if (isBinaryCode(c))
              grads[b + l] = grads[b + l]! + g * derivativeB(c, x, y, values[o + l]!);
          }
      }
    }
    for (let k = 0; k < size; k++) {
      if (code[k] !== PARAM) continue;
      let total = 0;
      for (let l = 0; l < B; l++) total += grads[k * B + l]!;
      sums[k] = total;
    }
  };

  return {
    setParam: (id, value) => {
      const k = index.get(id)!;
      values.fill(value, k * B, k * B + B);
    },
    evaluate: () => {
      forward();
      backward();
    },
    output: () => J,
    grad: (id) => sums[index.get(id)!]!,
  };
};

const close = (x: number, y: number): boolean =>
  Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

/**
 * Checks the engine against A on J and every parameter gradient, then races one edit of the
 * first weight: A re-evaluates everything over the batch; the engine propagates the edit with
 * J's value and every parameter's gradient subscribed (what a trainer watches).
 */
export const runBatchFamily = (family: BatchFamily, options: BenchOptions): FamilyResult => {
  const { spec, params } = family;
  const log = options.log;
  const { checks, check } = familyChecks({ key: family.key, description: '', spec }, log);
  log(`${family.key}: ${spec.nodes.length} nodes, B = ${family.lanes} (batch edit)`);
  const a = createBatchLoop(family);
  a.evaluate();
  const engine = createEngineSubject(spec);
  const runtime = engine.runtime;
  runtime.feed(family.columns);
  const agrees = (when: string): void => {
    const bad = [spec.output!, ...params].filter((id) =>
      id === spec.output
        ? !close(engine.valueOf(id), a.output())
        : !close(engine.gradOf(id), a.grad(id)),
    );
    check(
      `engine vs A over the batch ${when}: J and every parameter gradient within 1e-9`,
      bad.length === 0,
      bad.length === 0 ? 'agrees' : `differs at ${bad.slice(0, 3).join(', ')}`,
    );
  };
  agrees('at build');
  const edited = params[0]!;
  const base = (spec.nodes.find((n) => n.id === edited)!.params!['value'] as number) ?? 0;
  let tick = 0;
  const wiggle = (): number => base + 1e-3 * (1 + (++tick % 16));
  const first = wiggle();
  a.setParam(edited, first);
  a.evaluate();
  engine.resetTally();
  runtime.setValue(edited, first);
  const cone = engine.tally.reports.at(-1)?.evaluated ?? 0;
  agrees('after the edit');
  const subscriptions = [
    runtime.node(spec.output!).value$.subscribe(() => engine.tally.outputEmissions++),
    ...params.map((id) => runtime.node(id).grad$.subscribe(() => engine.tally.emissions++)),
  ];
  const summaries: Summary[] = raceApart(
    [
      {
        name: A,
        run: () => {
          a.setParam(edited, wiggle());
          a.evaluate();
        },
      },
      {
        name: ENGINE,
        run: () => {
          engine.resetTally();
          runtime.setValue(edited, wiggle());
          const report = engine.tally.reports.at(-1);
          return {
            counts: { forward: report?.evaluated ?? 0, backward: report?.backpropagated ?? 0 },
            ...(engine.tally.outputEmissions === 1
              ? {}
              : { failure: `J emitted ${engine.tally.outputEmissions} times` }),
          };
        },
      },
    ],
    options.race,
  );
  for (const s of subscriptions) s.unsubscribe();
  const scenarios: ScenarioResult[] = [
    {
      scenario: `batch edit (one weight, B = ${family.lanes.toLocaleString('en-US')}; A: a Float64Array loop over the batch)`,
      summaries,
      reference: A,
    },
  ];
  log(
    `  batch edit: ${summaries.map((s) => `${s.name} ${s.median.toFixed(2)} ms (CPU ${s.cpuMedian.toFixed(2)})`).join(' | ')}`,
  );
  engine.dispose();
  return {
    key: family.key,
    description: family.description,
    nodes: spec.nodes.length,
    edges: spec.edges.length,
    wide: { id: edited, cone },
    local: null,
    batchSources: 0,
    scenarios,
    agreements: [],
    checks,
    heap: {
      engine: Number.NaN,
      engineSubscriptions: Number.NaN,
      streams: 0,
      loop: Number.NaN,
      signals: Number.NaN,
      rx: Number.NaN,
    },
  };
};
