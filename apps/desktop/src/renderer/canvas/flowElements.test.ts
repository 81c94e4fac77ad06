import { nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../document/DocumentStore';
import { moveNodes, setOutput, setValue } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { createFlowElementCache } from './flowElements';

const byId = <T extends { id: string }>(items: T[]) =>
  new Map(items.map((item) => [item.id, item]));

describe('flow element cache', () => {
  it('hands React Flow the very same arrays after a value edit, so it does no work', () => {
    const store = createDocumentStore(seedDocument());
    const cache = createFlowElementCache(standardRegistry);
    const nodesBefore = cache.nodes(store.getState());
    const edgesBefore = cache.edges(store.getState());

    // The node component reads its value from the store; the flow node does not change.
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    expect(cache.nodes(store.getState())).toBe(nodesBefore);
    expect(cache.edges(store.getState())).toBe(edgesBefore);
  });

  it('renews the renamed node and the nodes whose port tooltips name it', () => {
    const store = createDocumentStore(seedDocument());
    const cache = createFlowElementCache(standardRegistry);
    const before = byId(cache.nodes(store.getState()));
    store.edit('Rename b', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        nodes: doc.graph.nodes.map((node) => (node.id === 'b' ? { ...node, label: 'beta' } : node)),
      },
    }));
    const after = byId(cache.nodes(store.getState()));
    const changed = [...after].filter(([id, flow]) => before.get(id) !== flow).map(([id]) => id);
    // u's input port "a" is fed by b: its tooltip now says "a ← beta".
    expect(changed.sort()).toEqual(['b', 'u']);
  });

  it('renews exactly the nodes whose look changes: moved, selected, output', () => {
    const store = createDocumentStore(seedDocument());
    const cache = createFlowElementCache(standardRegistry);
    const before = byId(cache.nodes(store.getState()));
    store.edit('Move', (doc) => moveNodes(doc, { a: { x: 1, y: 1 } }));
    store.edit('Output', (doc) => setOutput(doc, nodeId('v')));
    store.setSelection({ nodes: new Set([nodeId('c')]), edges: new Set() });
    const after = byId(cache.nodes(store.getState()));
    const changed = [...after].filter(([id, flow]) => before.get(id) !== flow).map(([id]) => id);
    expect(changed.sort()).toEqual(['J', 'a', 'c', 'v']);
    expect(after.get('a')!.position).toEqual({ x: 1, y: 1 });
    expect(after.get('v')!.data.isOutput).toBe(true);
    expect(after.get('c')!.selected).toBe(true);
  });
});
