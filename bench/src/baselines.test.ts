import { describe, expect, it } from 'vitest';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { compileGraph } from './compiled';
import type { CompiledGraph } from './compiled';
import { createLoopEvaluator, referenceEdit } from './baselines/loop';
import { createRxBaseline } from './baselines/rx';
import { createSignalsBaseline } from './baselines/signals';
import { createTfEvaluator, loadTf } from './baselines/tf';
import { TimeBox } from './baselines/types';
import { compareSeries } from './compare';
import { createEngineSubject } from './engine';
import { chainFamily, fanOutFamily, latticeFamily, mlpFamily, randomDagFamily } from './families';
import {
  forwardOf,
  OpCode,
  opIds,
  derivativeA,
  derivativeB,
  isBinaryCode,
  isSourceCode,
} from './opMath';

const small = [
  chainFamily(41),
  latticeFamily(6, 8),
  randomDagFamily(300),
  fanOutFamily(40),
  mlpFamily(2, 4),
];

/** The J = 3(a + bc) example from the seed text: u = bc, v = a + u, J = 3v. */
const seed: GraphSpec = {
  nodes: [
    { id: nodeId('a'), op: 'input', params: { value: 5 } },
    { id: nodeId('b'), op: 'input', params: { value: 3 } },
    { id: nodeId('c'), op: 'input', params: { value: 2 } },
    { id: nodeId('three'), op: 'const', params: { value: 3 } },
    { id: nodeId('u'), op: 'mul' },
    { id: nodeId('v'), op: 'add' },
    { id: nodeId('J'), op: 'mul' },
  ],
  edges: [
    { id: edgeId('e1'), source: nodeId('b'), target: nodeId('u'), targetPort: 'a' },
    { id: edgeId('e2'), source: nodeId('c'), target: nodeId('u'), targetPort: 'b' },
    { id: edgeId('e3'), source: nodeId('a'), target: nodeId('v'), targetPort: 'a' },
    { id: edgeId('e4'), source: nodeId('u'), target: nodeId('v'), targetPort: 'b' },
    { id: edgeId('e5'), source: nodeId('three'), target: nodeId('J'), targetPort: 'a' },
    { id: edgeId('e6'), source: nodeId('v'), target: nodeId('J'), targetPort: 'b' },
  ],
  output: nodeId('J'),
};

const firstSource = (g: CompiledGraph): number => g.sources[0]!;

describe('baseline A (hand-written loop)', () => {
  it('reproduces the seed example J = 3(a + bc)', () => {
    const g = compileGraph(seed);
    const a = createLoopEvaluator(g);
    const at = (id: string): number => g.indexOf.get(nodeId(id))!;
    expect(a.values[at('J')]).toBe(33);
    expect([a.grads[at('a')], a.grads[at('b')], a.grads[at('c')]]).toEqual([3, 6, 9]);
  });

  it.each(small.map((f) => [f.key, f] as const))(
    '%s: gradients match central finite differences of its own forward',
    (_, f) => {
      const g = compileGraph(f.spec);
      const a = createLoopEvaluator(g);
      const analytic = a.grads.slice();
      const probe = createLoopEvaluator(g);
      for (const s of g.sources) {
        const x = g.sourceValue[s]!;
        const h = 1e-6 * Math.max(1, Math.abs(x));
        probe.setSource(s, x + h);
        probe.forward();
        const up = probe.values[g.output]!;
        probe.setSource(s, x - h);
        probe.forward();
        const down = probe.values[g.output]!;
        probe.setSource(s, x);
        const numeric = (up - down) / (2 * h);
        const scale = Math.max(1, Math.abs(numeric), Math.abs(analytic[s]!));
        expect(Math.abs(numeric - analytic[s]!) / scale, `${f.key} d/d${g.ids[s]}`).toBeLessThan(
          1e-5,
        );
      }
    },
  );

  it('writes every op a second time: forward and derivatives agree with finite differences', () => {
    const points: [number, number][] = [
      [0.7, 1.3],
      [-0.4, 2.1],
      [1.9, 0.6],
    ];
    for (const id of opIds) {
      const code = OpCode[id];
      if (isSourceCode(code)) continue;
      for (const [x, y] of points) {
        const a = ['sqrt', 'log', 'pow'].includes(id) ? Math.abs(x) : x;
        const out = forwardOf(code, a, y);
        const h = 1e-6;
        const da = (forwardOf(code, a + h, y) - forwardOf(code, a - h, y)) / (2 * h);
        expect(derivativeA(code, a, y, out), `${id} ∂a at ${a},${y}`).toBeCloseTo(da, 5);
        if (isBinaryCode(code)) {
          const db = (forwardOf(code, a, y + h) - forwardOf(code, a, y - h)) / (2 * h);
          expect(derivativeB(code, a, y, out), `${id} ∂b at ${a},${y}`).toBeCloseTo(db, 5);
        }
      }
    }
  });

  it('reference counts: a diamond edit recomputes its cone once, pruned where values hold', () => {
    //   a ──► b = a·a ───────┐
    //   │                    ├──► d = b + c
    //   └──► c = max(a, k) ──┘      (a = 20 > k = 10, so c follows a and ignores k)
    const spec: GraphSpec = {
      nodes: [
        { id: nodeId('a'), op: 'input', params: { value: 20 } },
        { id: nodeId('k'), op: 'const', params: { value: 10 } },
        { id: nodeId('b'), op: 'mul' },
        { id: nodeId('c'), op: 'max' },
        { id: nodeId('d'), op: 'add' },
      ],
      edges: [
        { id: edgeId('1'), source: nodeId('a'), target: nodeId('b'), targetPort: 'a' },
        { id: edgeId('2'), source: nodeId('a'), target: nodeId('b'), targetPort: 'b' },
        { id: edgeId('3'), source: nodeId('a'), target: nodeId('c'), targetPort: 'a' },
        { id: edgeId('4'), source: nodeId('k'), target: nodeId('c'), targetPort: 'b' },
        { id: edgeId('5'), source: nodeId('b'), target: nodeId('d'), targetPort: 'a' },
        { id: edgeId('6'), source: nodeId('c'), target: nodeId('d'), targetPort: 'b' },
      ],
      output: nodeId('d'),
    };
    const g = compileGraph(spec);
    const a = createLoopEvaluator(g);
    const at = (id: string): number => g.indexOf.get(nodeId(id))!;
    // Cone of a: a, b, c, d all recompute and change; only dJ/da = 2a + 1 changes.
    expect(referenceEdit(a, [[at('a'), 21]])).toEqual({
      evaluated: 4,
      changedValues: 4,
      changedGrads: 1,
    });
    expect(a.values[at('d')]).toBe(21 * 21 + 21);
    // Editing k: k and c recompute, c holds at 21, so d is never recomputed.
    expect(referenceEdit(a, [[at('k'), 9]])).toEqual({
      evaluated: 2,
      changedValues: 1,
      changedGrads: 0,
    });
    // The same source edited twice in one batch counts once.
    expect(
      referenceEdit(a, [
        [at('a'), 4],
        [at('a'), 5],
      ]).evaluated,
    ).toBe(4);
    expect(a.values[at('d')]).toBe(25 + 9);
  });
});

describe('baselines agree with each other and with the engine on small graphs', () => {
  it.each(small.map((f) => [f.key, f] as const))(
    '%s: engine, B and C match A, before and after an edit',
    (_, f) => {
      const g = compileGraph(f.spec);
      const a = createLoopEvaluator(g);
      const engine = createEngineSubject(f.spec);
      const box = new TimeBox(5_000);
      box.arm();
      const rx = createRxBaseline(g, box);
      const push = createSignalsBaseline(g, 'push');
      const pull = createSignalsBaseline(g, 'pull');
      const check = (when: string): void => {
        const ids = g.ids;
        const n = g.size;
        const name = (i: number): string => `${when} ${ids[i]}`;
        for (const [label, value, grad] of [
          ['engine', (i: number) => engine.valueOf(ids[i]!), (i: number) => engine.gradOf(ids[i]!)],
          ['B', (i: number) => rx.value(i), (i: number) => rx.grad(i)!],
          ['C push', (i: number) => push.value(i), (i: number) => push.grad(i)!],
        ] as const) {
          const v = compareSeries(`${label} value`, n, (i) => a.values[i]!, value, 1e-12, 1, name);
          const d = compareSeries(`${label} grad`, n, (i) => a.grads[i]!, grad, 1e-9, 1, name);
          expect(v.mismatch).toBeUndefined();
          expect(d.mismatch).toBeUndefined();
        }
        const order = Array.from(g.order);
        const pv = compareSeries(
          'C pull value',
          n,
          (k) => a.values[order[k]!]!,
          (k) => pull.value(order[k]!),
          1e-12,
        );
        expect(pv.mismatch).toBeUndefined();
        expect(pull.grad(0)).toBeUndefined();
      };
      check('built');
      const s = firstSource(g);
      const next = g.sourceValue[s]! + 0.25;
      const reference = referenceEdit(a, [[s, next]]);
      engine.resetTally();
      engine.subscribeAll();
      engine.resetTally();
      engine.runtime.setValue(g.ids[s]!, next);
      box.arm();
      rx.setSource(s, next);
      push.setSource(s, next);
      pull.setSource(s, next);
      check('edited');
      expect(rx.failure).toBeUndefined();
      expect(push.failure).toBeUndefined();
      // The engine recomputes exactly the dirty cone, and J emits once.
      expect(engine.tally.reports).toHaveLength(1);
      expect(engine.tally.reports[0]!.evaluated).toBe(reference.evaluated);
      expect(engine.tally.reports[0]!.changedValues).toBe(reference.changedValues);
      expect(engine.tally.outputEmissions).toBe(1);
      engine.dispose();
      rx.dispose();
      push.dispose();
      pull.dispose();
    },
  );

  it('D (TensorFlow.js, float32) matches A on J and every source gradient', async () => {
    const tf = await loadTf();
    for (const f of small) {
      const g = compileGraph(f.spec);
      const a = createLoopEvaluator(g);
      const d = createTfEvaluator(tf, g);
      const result = d.evaluate();
      expect(
        Math.abs(result.value - a.values[g.output]!) / Math.max(1, Math.abs(a.values[g.output]!)),
      ).toBeLessThan(1e-4);
      const agreement = compareSeries(
        'D grad',
        g.sources.length,
        (k) => a.grads[g.sources[k]!]!,
        (k) => result.sourceGrads[k]!,
        1e-3,
      );
      expect(agreement.mismatch, f.key).toBeUndefined();
      // An edit is a full re-evaluation at the new value.
      const s = firstSource(g);
      d.setSource(s, g.sourceValue[s]! + 0.25);
      a.setSource(s, g.sourceValue[s]! + 0.25);
      a.evaluate();
      expect(d.evaluate().value).toBeCloseTo(a.values[g.output]!, 3);
    }
  });

  it('B explodes on a lattice and its time box stops it, with the op count it reached', () => {
    const g = compileGraph(latticeFamily(8, 40).spec);
    const box = new TimeBox(50);
    const rx = createRxBaseline(g, box);
    expect(rx.failure).toBeUndefined();
    box.arm();
    const started = performance.now();
    rx.setSource(g.sources[0]!, 0.5);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(rx.failure).toMatch(/time box exceeded after \d+ op evaluations/);
    // Glitches: far more op runs than the 8·40 nodes a glitch-free update would touch.
    expect(box.ops).toBeGreaterThan(100 * g.size);
    rx.dispose();
  });

  it('B re-emits once per changed path (the glitch), then sweeps the gradients once', () => {
    // x feeds 4 leaves summed by a tree: each first-level add sees 2 changed parents and emits
    // twice, the root sees 4 emissions; the reverse sweep then visits the 7 function nodes.
    const g = compileGraph(fanOutFamily(4).spec);
    const box = new TimeBox(5_000);
    box.arm();
    const rx = createRxBaseline(g, box);
    const before = box.ops;
    rx.setSource(g.sources[0]!, 0.3);
    expect(box.ops - before).toBe(4 + 2 * 2 + 4 + 7);
    expect(rx.value(g.output)).toBeCloseTo(
      Math.sin(0.3) + Math.cos(0.3) + Math.tanh(0.3) + 1 / (1 + Math.exp(-0.3)),
      12,
    );
    rx.dispose();
  });
});
