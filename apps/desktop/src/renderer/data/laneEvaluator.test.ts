import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it, vi } from 'vitest';
import { createLaneEvaluator } from './laneEvaluator';
import { logisticGraph } from './testModel';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('createLaneEvaluator', () => {
  it('evaluates the prediction at every fed point, and follows new parameter values', () => {
    const create = vi.fn(createRuntime);
    const evaluator = createLaneEvaluator({ registry: standardRegistry, createRuntime: create });
    const grid = {
      [nodeId('data/x1')]: Float64Array.from([0, 1, -2, 0.5]),
      [nodeId('data/x2')]: Float64Array.from([1, 0, 1, -3]),
    };
    expect(evaluator.sync(logisticGraph(0.5, -1), grid)).toBeNull();
    const first = evaluator.lanes(nodeId('p'));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    [0, 1, -2, 0.5].forEach((x1, i) => {
      const x2 = grid[nodeId('data/x2')]![i]!;
      expect(first.values[i]).toBeCloseTo(sigmoid(0.5 * x1 - x2), 12);
    });
    // New weights: the same runtime, evaluated again over the same grid.
    expect(evaluator.sync(logisticGraph(2, 1), grid)).toBeNull();
    const second = evaluator.lanes(nodeId('p'));
    expect(second.ok && second.values[2]).toBeCloseTo(sigmoid(2 * -2 + 1), 12);
    expect(create).toHaveBeenCalledTimes(1);
    // The label was fed zeros, so the mean loss is the mean of p².
    const loss = evaluator.scalar(nodeId('J'));
    expect(loss.ok).toBe(true);
    if (loss.ok && second.ok) {
      const expected = second.values.reduce((s, p) => s + p * p, 0) / 4;
      expect(loss.value).toBeCloseTo(expected, 12);
    }
    evaluator.dispose();
  });

  it('refuses a node that is not in the graph, and a per-sample node as a scalar', () => {
    const evaluator = createLaneEvaluator({ registry: standardRegistry, createRuntime });
    const grid = {
      [nodeId('data/x1')]: Float64Array.from([0, 1]),
      [nodeId('data/x2')]: Float64Array.from([1, 0]),
    };
    evaluator.sync(logisticGraph(1, 1), grid);
    expect(evaluator.lanes(nodeId('nope'))).toEqual({
      ok: false,
      message: expect.stringMatching(/no node/),
    });
    expect(evaluator.scalar(nodeId('p'))).toEqual({
      ok: false,
      message: expect.stringMatching(/one value per sample/),
    });
    evaluator.dispose();
  });
});
