import type { DatasetSpec, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { dataNodes, loadDatasetColumns, loadDatasetSync } from './load';

const spiral: DatasetSpec = {
  id: 'points',
  columns: ['x1', 'x2', 'y'],
  source: { kind: 'generate', generator: 'spiral', size: 100, noise: 0.1, seed: 2 },
  split: { test: 0.2, seed: 5 },
};

describe('loadDatasetColumns', () => {
  it('generates and splits a dataset into train and test columns', async () => {
    const loaded = await loadDatasetColumns(spiral);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.columns).toEqual(['x1', 'x2', 'y']);
    expect(loaded.train['x1']).toBeInstanceOf(Float64Array);
    expect(loaded.train['y']).toHaveLength(80);
    expect(loaded.test['y']).toHaveLength(20);
    expect(await loadDatasetColumns(spiral)).toEqual(loaded);
  });

  it('reads inline rows; without a split every row trains', () => {
    const loaded = loadDatasetSync({
      id: 'd',
      columns: ['x', 'y'],
      source: {
        kind: 'inline',
        rows: [
          [1, 2],
          [3, 4],
        ],
      },
    });
    expect(loaded).toMatchObject({
      ok: true,
      train: { x: new Float64Array([1, 3]), y: new Float64Array([2, 4]) },
    });
    expect(loaded.ok && loaded.test['x']).toHaveLength(0);
  });

  it('reads a CSV through readText, picking the listed columns from a wider file', async () => {
    const spec: DatasetSpec = {
      id: 'd',
      columns: ['y', 'x'],
      source: { kind: 'file', path: 'p.csv' },
    };
    const read: string[] = [];
    const loaded = await loadDatasetColumns(spec, {
      readText: (path) => {
        read.push(path);
        return 'x,note,y\n1,7,10\n2,8,20\n';
      },
    });
    expect(read).toEqual(['p.csv']);
    expect(loaded).toMatchObject({
      ok: true,
      train: { x: new Float64Array([1, 2]), y: new Float64Array([10, 20]) },
    });
  });

  it('says which dataset and file failed, and why', async () => {
    const spec: DatasetSpec = {
      id: 'd',
      columns: ['x', 'y'],
      source: { kind: 'file', path: 'p.csv' },
    };
    expect(await loadDatasetColumns(spec)).toEqual({
      ok: false,
      message:
        'dataset "d" is read from the file "p.csv" beside the .graph file, which cannot be read here; import the CSV into the document instead',
    });
    expect(
      await loadDatasetColumns(spec, {
        readText: () => {
          throw new Error('ENOENT: no such file');
        },
      }),
    ).toEqual({ ok: false, message: 'dataset "d": cannot read "p.csv": ENOENT: no such file' });
    expect(await loadDatasetColumns(spec, { readText: () => 'x,y\n1,oops\n' })).toEqual({
      ok: false,
      message: 'dataset "d": p.csv: line 2: column "y": "oops" is not a number',
    });
    expect(await loadDatasetColumns(spec, { readText: async () => 'x,z\n1,2\n' })).toEqual({
      ok: false,
      message: 'dataset "d": p.csv: the data has no column "y" (it has "x", "z")',
    });
  });
});

describe('dataNodes', () => {
  it('lists the flat data nodes with their dataset and column', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: 'd/x' as NodeId, op: 'data', params: { dataset: 'points', column: 'x' } },
        { id: 'w' as NodeId, op: 'input', params: { value: 1 } },
      ],
      edges: [],
    };
    expect(dataNodes(graph)).toEqual([{ id: 'd/x', dataset: 'points', column: 'x' }]);
  });
});
