import { describe, expect, it } from 'vitest';
import { createRuntime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { batchFamily, createBatchLoop } from './batch';

describe('the batch race', () => {
  const family = batchFamily(3, 9, 5);

  it('builds a network on data columns whose J is the mean over the samples', () => {
    // x1, x2, y; 11 nodes per unit (the first has no running sum); bias, prediction, diff, loss, J.
    expect(family.spec.nodes).toHaveLength(3 + 3 * 11 - 1 + 5);
    expect(Object.values(family.columns).every((column) => column.length === 9)).toBe(true);
    expect(batchFamily(18).spec.nodes.length).toBeGreaterThanOrEqual(200);
  });

  it('A over the batch agrees with finite differences on every parameter', () => {
    const a = createBatchLoop(family);
    a.evaluate();
    for (const id of family.params) {
      const value = family.spec.nodes.find((n) => n.id === id)!.params!['value'] as number;
      const h = 1e-6;
      a.setParam(id, value + h);
      a.evaluate();
      const up = a.output();
      a.setParam(id, value - h);
      a.evaluate();
      const down = a.output();
      a.setParam(id, value);
      a.evaluate();
      expect(a.grad(id)).toBeCloseTo((up - down) / (2 * h), 6);
    }
  });

  it('A over the batch agrees with the engine fed the same columns', () => {
    const a = createBatchLoop(family);
    a.evaluate();
    const runtime = createRuntime({ registry: standardRegistry, graph: family.spec });
    runtime.feed(family.columns);
    const J = runtime.node(family.spec.output!).value();
    expect(J.kind === 'ok' && J.value).toBeCloseTo(a.output(), 12);
    for (const id of family.params) {
      const grad = runtime.node(id).grad();
      expect(grad.kind === 'ok' && grad.value, id).toBeCloseTo(a.grad(id), 12);
    }
    runtime.dispose();
  });
});
