import type { DatasetSpec } from '@chainrule/graph-runtime';
import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { loadDatasetSync } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createDataSession } from './dataSession';
import { logisticGraph } from './testModel';

const xor: DatasetSpec = {
  id: 'data',
  columns: ['x1', 'x2', 'y'],
  source: { kind: 'generate', generator: 'xor', size: 40, noise: 0.05, seed: 7 },
  split: { test: 0.25, seed: 3 },
};

describe('createDataSession', () => {
  it('feeds the training split and shows the selected sample on the varying nodes', () => {
    const graph = logisticGraph(0.5, -0.25);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const data = createDataSession();
    data.synced(runtime, [xor], graph);
    const loaded = loadDatasetSync(xor);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(data.getState()).toEqual({ size: 30, sample: null, problem: null });
    expect(runtime.lanes()).toBe(30);
    expect(runtime.laneValues(nodeId('data/x1'))).toEqual(loaded.train['x1']);

    data.select(16);
    expect(data.getState().sample).toBe(16);
    const x1 = runtime.node(nodeId('data/x1')).value();
    expect(x1.kind === 'ok' && x1.value).toBe(loaded.train['x1']![16]);
    data.select(null);
    expect(runtime.sample()).toBeNull();
  });

  it('feeds again only when the data could have changed, keeping a sample that still exists', () => {
    const graph = logisticGraph(1, 1);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const data = createDataSession();
    data.synced(runtime, [xor], graph);
    data.select(5);
    let notified = 0;
    data.subscribe(() => notified++);
    // A value edit: same data, same data nodes, nothing to feed.
    data.synced(runtime, [xor], logisticGraph(2, 1));
    expect(notified).toBe(0);
    // A smaller dataset: sample 5 is still there; a much smaller one clears it.
    const smaller = { ...xor, source: { ...xor.source, size: 12 } } as DatasetSpec;
    data.synced(runtime, [smaller], graph);
    expect(data.getState()).toMatchObject({ size: 9, sample: 5 });
    const tiny = { ...xor, source: { ...xor.source, size: 4 } } as DatasetSpec;
    data.synced(runtime, [tiny], graph);
    expect(data.getState()).toMatchObject({ size: 3, sample: null });
  });

  it('says why when a data node names a dataset the document does not have', () => {
    const graph = logisticGraph(1, 1);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const data = createDataSession();
    data.synced(runtime, [], graph);
    expect(data.getState().problem).toMatch(
      /reads the dataset "data", which the file does not define/,
    );
  });
});
