import { nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../document/DocumentStore';
import { moveNodes, setOutput, setValue } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { createFlowElementCache } from './flowElements';

const byId = <T extends { id: string }>(items: T[]) =>
  new Map(items.map((item) => [item.id, item]));

describe('flow element cache', () => {
  it('reuses every node and edge object an edit did not touch', () => {
    const store = createDocumentStore(seedDocument());
    const cache = createFlowElementCache();
    const measured = new Map();
    const nodesBefore = byId(cache.nodes(store.getState(), measured));
    const edgesBefore = byId(cache.edges(store.getState()));

    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    const nodesAfter = byId(cache.nodes(store.getState(), measured));
    const changed = [...nodesAfter].filter(([id, flow]) => nodesBefore.get(id) !== flow);
    expect(changed.map(([id]) => id)).toEqual(['b']);
    const edgesAfter = byId(cache.edges(store.getState()));
    expect([...edgesAfter].every(([id, flow]) => edgesBefore.get(id) === flow)).toBe(true);
  });

  it('renews exactly the nodes whose look changes: moved, selected, output', () => {
    const store = createDocumentStore(seedDocument());
    const cache = createFlowElementCache();
    const measured = new Map();
    const before = byId(cache.nodes(store.getState(), measured));
    store.edit('Move', (doc) => moveNodes(doc, { a: { x: 1, y: 1 } }));
    store.edit('Output', (doc) => setOutput(doc, nodeId('v')));
    store.setSelection({ nodes: new Set([nodeId('c')]), edges: new Set() });
    const after = byId(cache.nodes(store.getState(), measured));
    const changed = [...after].filter(([id, flow]) => before.get(id) !== flow).map(([id]) => id);
    expect(changed.sort()).toEqual(['J', 'a', 'c', 'v']);
    expect(after.get('a')!.position).toEqual({ x: 1, y: 1 });
    expect(after.get('v')!.data.isOutput).toBe(true);
    expect(after.get('c')!.selected).toBe(true);
  });
});
