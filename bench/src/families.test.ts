import { describe, expect, it } from 'vitest';
import { validateGraph } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { compileGraph, countMarked, downstreamCone } from './compiled';
import { createLoopEvaluator } from './baselines/loop';
import {
  chainFamily,
  fanOutFamily,
  latticeFamily,
  mlpFamily,
  outputId,
  randomDagFamily,
} from './families';
import type { GraphFamily } from './families';

const families: readonly GraphFamily[] = [
  chainFamily(401),
  latticeFamily(10, 12),
  randomDagFamily(600),
  fanOutFamily(300),
  mlpFamily(2, 6),
];

describe('graph families', () => {
  it.each(families.map((f) => [f.key, f] as const))('%s is a valid graph with output J', (_, f) => {
    expect(validateGraph(f.spec, standardRegistry)).toEqual([]);
    expect(f.spec.output).toBe(outputId);
    const ids = new Set(f.spec.nodes.map((n) => n.id));
    expect(ids.size).toBe(f.spec.nodes.length);
    // Every node influences J: a benchmark node that J ignores would be free to skip.
    const g = compileGraph(f.spec);
    const reachesJ = new Uint8Array(g.size);
    reachesJ[g.output] = 1;
    for (let k = g.size - 1; k >= 0; k--) {
      const i = g.order[k]!;
      if (reachesJ[i] === 0) continue;
      if (g.argA[i]! >= 0) reachesJ[g.argA[i]!] = 1;
      if (g.argB[i]! >= 0) reachesJ[g.argB[i]!] = 1;
    }
    expect(countMarked(reachesJ)).toBe(g.size);
  });

  it('is deterministic for a seed and different across seeds', () => {
    expect(randomDagFamily(500, 7).spec).toEqual(randomDagFamily(500, 7).spec);
    expect(randomDagFamily(500, 7).spec).not.toEqual(randomDagFamily(500, 8).spec);
    expect(chainFamily(101, 7).spec).toEqual(chainFamily(101, 7).spec);
  });

  it('builds the documented shapes and node counts', () => {
    const chain = chainFamily(10_001);
    expect(chain.spec.nodes).toHaveLength(10_001);
    expect(chain.spec.nodes.filter((n) => n.op === 'tanh')).toHaveLength(2500);

    const lattice = latticeFamily(100, 100);
    expect(lattice.spec.nodes).toHaveLength(100 * 100 + 99);
    expect(lattice.spec.nodes.filter((n) => n.op === 'input')).toHaveLength(100);

    for (const n of [10_000, 100_000]) {
      const dag = randomDagFamily(n);
      expect(dag.spec.nodes.length).toBeGreaterThanOrEqual(n);
      expect(dag.spec.nodes.length).toBeLessThanOrEqual(n + 1);
      // Fan-in 2: every non-source has exactly two incoming edges.
      const sources = dag.spec.nodes.filter((node) => node.op === 'input').length;
      expect(dag.spec.edges).toHaveLength(2 * (dag.spec.nodes.length - sources));
    }

    const fan = fanOutFamily(10_000);
    expect(fan.spec.nodes).toHaveLength(1 + 10_000 + 9_999);
    const x = fan.spec.nodes[0]!.id;
    expect(fan.spec.edges.filter((e) => e.source === x)).toHaveLength(10_000);

    const mlp = mlpFamily(4, 32);
    expect(mlp.spec.nodes.filter((n) => n.op === 'tanh')).toHaveLength(4 * 32);
    expect(mlp.spec.nodes.filter((n) => n.op === 'mul')).toHaveLength(4 * 32 * 32);
  });

  it('keeps every value and gradient finite on the full-size families', () => {
    for (const f of [
      chainFamily(100_001),
      latticeFamily(100, 100),
      randomDagFamily(100_000),
      fanOutFamily(10_000),
      mlpFamily(4, 32),
    ]) {
      const a = createLoopEvaluator(compileGraph(f.spec));
      expect(a.values.every(Number.isFinite), f.key).toBe(true);
      expect(a.grads.every(Number.isFinite), f.key).toBe(true);
    }
  });

  it('sum trees stay shallow: the fan-out is log-deep, the chain is not', () => {
    const depthOf = (f: GraphFamily): number => {
      const g = compileGraph(f.spec);
      const depth = new Int32Array(g.size);
      let max = 0;
      for (const i of g.order) {
        const a = g.argA[i]!;
        const b = g.argB[i]!;
        depth[i] = Math.max(a >= 0 ? depth[a]! + 1 : 0, b >= 0 ? depth[b]! + 1 : 0);
        max = Math.max(max, depth[i]!);
      }
      return max;
    };
    expect(depthOf(fanOutFamily(1024))).toBe(1 + 10);
    expect(depthOf(chainFamily(401))).toBe(3 * 100);
  });

  it('offers edits with a cone of at most 1% on the chain, the DAG and the MLP', () => {
    for (const f of [chainFamily(10_001), randomDagFamily(10_000), mlpFamily(4, 32)]) {
      const g = compileGraph(f.spec);
      const smallest = Math.min(
        ...Array.from(g.sources, (s) => countMarked(downstreamCone(g, [s]))),
      );
      expect(smallest, f.key).toBeLessThanOrEqual(g.size / 100);
    }
  });
});
