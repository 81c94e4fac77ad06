import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphEdge } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../document/editorDocument';
import { addDatasetNode, NEW_DATASET, replaceDataset } from './datasetEdits';

const edge = (id: string, sourcePort: string, target: string): GraphEdge =>
  ({
    id: edgeId(id),
    source: nodeId('data'),
    sourcePort,
    target: nodeId(target),
    targetPort: 'a',
  }) as GraphEdge;

describe('addDatasetNode', () => {
  it('adds a dataset node and its dataset under one fresh id', () => {
    const first = addDatasetNode(emptyDocument(), { x: 10, y: 20 });
    expect(first.id).toBe('data');
    expect(first.doc.graph.nodes).toEqual([
      { id: 'data', op: 'dataset', params: { dataset: 'data' } },
    ]);
    expect(first.doc.datasets).toEqual([{ id: 'data', ...NEW_DATASET }]);
    expect(first.doc.positions['data']).toEqual({ x: 10, y: 20 });
    const second = addDatasetNode(first.doc, { x: 0, y: 0 });
    expect(second.id).toBe('data2');
    expect(second.doc.datasets?.map((d) => d.id)).toEqual(['data', 'data2']);
  });
});

describe('replaceDataset', () => {
  it('keeps edges from columns the new data has and drops the others', () => {
    const { doc } = addDatasetNode(emptyDocument(), { x: 0, y: 0 });
    const wired = {
      ...doc,
      graph: {
        ...doc.graph,
        nodes: [...doc.graph.nodes, { id: nodeId('m'), op: 'mul' }, { id: nodeId('n'), op: 'mul' }],
        edges: [edge('e1', 'x1', 'm'), edge('e2', 'y', 'n')],
      },
    };
    const line = {
      id: 'data',
      columns: ['x', 'y'],
      source: { kind: 'generate', generator: 'line', size: 50, noise: 0.1, seed: 2 },
    } as const;
    const next = replaceDataset(wired, 'data', line);
    expect(next.datasets).toEqual([line]);
    expect(next.graph.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('leaves the graph object alone when every edge survives', () => {
    const { doc } = addDatasetNode(emptyDocument(), { x: 0, y: 0 });
    const next = replaceDataset(doc, 'data', {
      ...doc.datasets![0]!,
      split: { test: 0.5, seed: 3 },
    });
    expect(next.graph).toBe(doc.graph);
    expect(next.datasets![0]!.split).toEqual({ test: 0.5, seed: 3 });
  });
});
