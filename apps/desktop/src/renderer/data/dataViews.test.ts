import type { DatasetSpec } from '@chainrule/graph-runtime';
import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createDataSession } from './dataSession';
import type { DataViewInput } from './dataViews';
import { createDataViews } from './dataViews';
import { GRID_SIZE } from './dataViewSetup';
import { gridColumns } from './plot';
import { logisticGraph } from './testModel';

const blobs: DatasetSpec = {
  id: 'data',
  columns: ['x1', 'x2', 'y'],
  source: { kind: 'generate', generator: 'gaussians', size: 80, noise: 0.1, seed: 5 },
  split: { test: 0.25, seed: 3 },
};

/** Frames that run only when the test says so. */
const manualFrames = () => {
  let queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queue.push(callback),
    flush() {
      const due = queue;
      queue = [];
      for (const run of due) run();
    },
  };
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('createDataViews', () => {
  it('draws the prediction over the grid once per frame, however many updates came', () => {
    const frames = manualFrames();
    const views = createDataViews({ registry: standardRegistry, createRuntime, frames });
    const graph = logisticGraph(1.5, -0.5);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    createDataSession().synced(runtime, [blobs], graph);
    const input = (g = graph, steps = 0): DataViewInput => ({
      graph: g,
      datasets: [blobs],
      training: { prediction: 'p', target: 'data/y' },
      runtime,
      steps,
      selected: null,
    });
    views.update(() => input());
    views.update(() => input());
    expect(views.getState().picture).toBeNull();
    frames.flush();
    expect(views.refreshes()).toBe(1);
    const { picture, setup } = views.getState();
    expect(picture?.values).toHaveLength(GRID_SIZE * GRID_SIZE);
    const grid = gridColumns(setup!.bounds, GRID_SIZE);
    for (const k of [0, 100, 2047, 4095]) {
      expect(picture!.values![k]).toBeCloseTo(sigmoid(1.5 * grid.x1[k]! - 0.5 * grid.x2[k]!), 12);
    }
    expect(picture!.points.map((p) => [p.split, p.x.length])).toEqual([
      ['train', 60],
      ['test', 20],
    ]);
    // New weights: the next frame draws them.
    views.update(() => input(logisticGraph(-1, 2)));
    frames.flush();
    expect(views.getState().picture!.values![0]).toBeCloseTo(
      sigmoid(-grid.x1[0]! + 2 * grid.x2[0]!),
      12,
    );
    views.dispose();
  });

  it('records train/test loss and accuracy while training steps advance; a new run starts over', () => {
    const frames = manualFrames();
    const views = createDataViews({ registry: standardRegistry, createRuntime, frames });
    const graph = logisticGraph(2, 2);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    createDataSession().synced(runtime, [blobs], graph);
    const at =
      (steps: number): (() => DataViewInput) =>
      () => ({
        graph,
        datasets: [blobs],
        training: { prediction: 'p', target: 'data/y' },
        runtime,
        steps,
        selected: null,
      });
    for (const steps of [0, 5, 5, 12]) {
      views.update(at(steps));
      frames.flush();
    }
    const curves = views.getState().curves;
    expect(curves.map((p) => p.step)).toEqual([5, 12]);
    const J = runtime.node(nodeId('J')).value();
    expect(curves[0]!.trainLoss).toBe(J.kind === 'ok' ? J.value : NaN);
    for (const point of curves) {
      expect(point.testLoss).toBeGreaterThan(0);
      expect(point.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(point.trainAccuracy).toBeLessThanOrEqual(1);
      expect(point.testAccuracy).toBeGreaterThanOrEqual(0);
    }
    views.update(at(3));
    frames.flush();
    expect(views.getState().curves.map((p) => p.step)).toEqual([3]);
    views.dispose();
  });
});
