import type { DatasetSpec, GraphNode, GraphSpec } from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import type { DeriveLanes } from './dataViewSetup';
import { CURVE_POINTS, dataViewSetup, GRID_SIZE } from './dataViewSetup';

const noDerive: DeriveLanes = () => null;

const dataNode = (dataset: string, column: string): GraphNode => ({
  id: nodeId(`${dataset}/${column}`),
  op: 'data',
  params: { dataset, column },
});

const graphOf = (nodes: GraphNode[]): GraphSpec => ({
  nodes: [...nodes, { id: nodeId('p'), op: 'sigmoid' }],
  edges: [],
  output: null,
});

const xor: DatasetSpec = {
  id: 'data',
  columns: ['x1', 'x2', 'y'],
  source: { kind: 'generate', generator: 'xor', size: 80, noise: 0.05, seed: 4 },
  split: { test: 0.25, seed: 2 },
};

const line: DatasetSpec = {
  id: 'pts',
  columns: ['x', 'y'],
  source: { kind: 'generate', generator: 'line', size: 40, noise: 0.1, seed: 1 },
};

describe('dataViewSetup', () => {
  it('has nothing to draw for a graph without data nodes', () => {
    expect(dataViewSetup(graphOf([]), [xor], undefined, null, noDerive)).toBeNull();
  });

  it('draws two features as a classification over a 64×64 grid covering every sample', () => {
    const graph = graphOf(['x1', 'x2', 'y'].map((c) => dataNode('data', c)));
    const result = dataViewSetup(graph, [xor], { prediction: 'p' }, null, noDerive);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const { setup } = result;
    expect(setup.task).toBe('classification');
    expect(setup.features.map((f) => f.id)).toEqual(['data/x1', 'data/x2']);
    expect(setup.target).toEqual({ id: 'data/y', name: 'y' });
    expect(setup.prediction).toBe('p');
    expect(setup.train.target.length).toBe(60);
    expect(setup.test?.target.length).toBe(20);
    expect(setup.labelRange).toEqual([0, 1]);
    expect(setup.resolution).toBe(GRID_SIZE);
    expect(setup.grid['data/x1' as never]).toHaveLength(GRID_SIZE * GRID_SIZE);
    for (const split of [setup.train, setup.test!]) {
      for (const x of split.features[0]!) {
        expect(x).toBeGreaterThan(setup.bounds.x[0]);
        expect(x).toBeLessThan(setup.bounds.x[1]);
      }
      for (const y of split.features[1]!) {
        expect(y).toBeGreaterThan(setup.bounds.y[0]);
        expect(y).toBeLessThan(setup.bounds.y[1]);
      }
    }
    // Every data node is fed, the label too.
    expect(Object.keys(setup.train.feed).sort()).toEqual(['data/x1', 'data/x2', 'data/y']);
  });

  it('draws one feature as a regression curve, target on the vertical axis', () => {
    const graph = graphOf([dataNode('pts', 'x'), dataNode('pts', 'y')]);
    const result = dataViewSetup(graph, [line], undefined, 'p' as never, noDerive);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.setup.task).toBe('regression');
    expect(result.setup.test).toBeNull();
    expect(result.setup.grid['pts/x' as never]).toHaveLength(CURVE_POINTS);
    for (const y of result.setup.train.target) {
      expect(y).toBeGreaterThan(result.setup.bounds.y[0]);
      expect(y).toBeLessThan(result.setup.bounds.y[1]);
    }
  });

  it('reads a target computed from the data (t = 2y − 1) through `derive`, with its ±1 range', () => {
    const graph = graphOf([
      ...['x1', 'x2', 'y'].map((c) => dataNode('data', c)),
      { id: nodeId('t'), op: 'sub', label: 't = 2y − 1' },
    ]);
    const derive: DeriveLanes = (feed, id) =>
      id === 't' ? feed['data/y' as never]!.map((y) => 2 * y - 1) : null;
    const result = dataViewSetup(graph, [xor], { prediction: 'p', target: 't' }, null, derive);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.setup.target).toEqual({ id: 't', name: 't = 2y − 1' });
    expect(result.setup.labelRange).toEqual([-1, 1]);
    expect(result.setup.features.map((f) => f.column)).toEqual(['x1', 'x2']);
    expect(new Set(result.setup.test!.target)).toEqual(new Set([-1, 1]));
  });

  it('says why when there is no label column or the prediction is unknown', () => {
    const noLabel = dataViewSetup(
      graphOf([dataNode('pts', 'x')]),
      [line],
      undefined,
      null,
      noDerive,
    );
    expect(noLabel).toEqual({ ok: false, message: expect.stringMatching(/label column/) });
    const graph = graphOf(['x1', 'x2', 'y'].map((c) => dataNode('data', c)));
    const result = dataViewSetup(graph, [xor], { prediction: 'gone' }, null, noDerive);
    expect(result?.ok && result.setup.prediction).toBeNull();
  });
});
