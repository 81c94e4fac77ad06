import { nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from './DocumentStore';
import { addNode, emptyDocument, moveNodes, setValue } from './editorDocument';
import { seedDocument } from './testGraphs';

const valueOf = (store: ReturnType<typeof createDocumentStore>, id: string): unknown =>
  store.getState().doc.graph.nodes.find((n) => n.id === id)?.params?.['value'];

describe('DocumentStore', () => {
  it('undoes and redoes each edit as one step', () => {
    const store = createDocumentStore(emptyDocument());
    store.edit('Add a', (doc) =>
      addNode(doc, { id: nodeId('a'), op: 'input', params: { value: 1 } }, { x: 0, y: 0 }),
    );
    store.edit('Add b', (doc) =>
      addNode(doc, { id: nodeId('b'), op: 'input', params: { value: 2 } }, { x: 0, y: 0 }),
    );
    expect(store.getState().doc.graph.nodes).toHaveLength(2);
    expect(store.getState().undoLabel).toBe('Add b');
    store.undo();
    expect(store.getState().doc.graph.nodes.map((n) => n.id)).toEqual(['a']);
    store.undo();
    expect(store.getState().doc.graph.nodes).toHaveLength(0);
    expect(store.undo()).toBe(false);
    store.redo();
    store.redo();
    expect(store.getState().doc.graph.nodes).toHaveLength(2);
    expect(store.redo()).toBe(false);
  });

  it('coalesces edits with the same key into one step until sealed', () => {
    const store = createDocumentStore(seedDocument());
    for (const value of [1, 12, 123]) {
      store.edit('Set b', (doc) => setValue(doc, nodeId('b'), value), { coalesce: 'value:b' });
    }
    expect(valueOf(store, 'b')).toBe(123);
    store.seal();
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 7), { coalesce: 'value:b' });
    store.undo();
    expect(valueOf(store, 'b')).toBe(123);
    store.undo();
    expect(valueOf(store, 'b')).toBe(3);
    expect(store.getState().canUndo).toBe(false);
  });

  it('a different key starts a new step even without sealing', () => {
    const store = createDocumentStore(seedDocument());
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4), { coalesce: 'value:b' });
    store.edit('Set c', (doc) => setValue(doc, nodeId('c'), 4), { coalesce: 'value:c' });
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 5), { coalesce: 'value:b' });
    store.undo();
    expect([valueOf(store, 'b'), valueOf(store, 'c')]).toEqual([4, 4]);
    store.undo();
    expect([valueOf(store, 'b'), valueOf(store, 'c')]).toEqual([4, 2]);
  });

  it('an edit that changes nothing records nothing and does not notify', () => {
    const store = createDocumentStore(seedDocument());
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 3))).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getState().canUndo).toBe(false);
  });

  it('is dirty exactly when the document differs from the saved version by history position', () => {
    const store = createDocumentStore(seedDocument());
    expect(store.getState().dirty).toBe(false);
    store.edit('Move', (doc) => moveNodes(doc, { a: { x: 9, y: 9 } }));
    expect(store.getState().dirty).toBe(true);
    store.undo();
    expect(store.getState().dirty).toBe(false);
    store.redo();
    store.markSaved({ name: 'seed.graph', ref: null });
    expect(store.getState().dirty).toBe(false);
    store.undo();
    expect(store.getState().dirty).toBe(true);
    store.redo();
    expect(store.getState().dirty).toBe(false);
  });

  it('saving seals coalescing so the saved version stays in history', () => {
    const store = createDocumentStore(seedDocument());
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4), { coalesce: 'value:b' });
    store.markSaved({ name: 'seed.graph', ref: null });
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 5), { coalesce: 'value:b' });
    store.undo();
    expect(valueOf(store, 'b')).toBe(4);
    expect(store.getState().dirty).toBe(false);
  });

  it('redo history is dropped by a new edit', () => {
    const store = createDocumentStore(seedDocument());
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    store.undo();
    store.edit('Set c', (doc) => setValue(doc, nodeId('c'), 4));
    expect(store.getState().canRedo).toBe(false);
  });

  it('keeps the selection to nodes that exist after undo', () => {
    const store = createDocumentStore(emptyDocument());
    store.edit(
      'Add a',
      (doc) => addNode(doc, { id: nodeId('a'), op: 'input', params: { value: 1 } }, { x: 0, y: 0 }),
      {
        select: { nodes: new Set([nodeId('a')]), edges: new Set() },
      },
    );
    expect([...store.getState().selection.nodes]).toEqual(['a']);
    store.undo();
    expect(store.getState().selection.nodes.size).toBe(0);
  });

  it('load starts a new session with a clean, empty history', () => {
    const store = createDocumentStore(seedDocument());
    const session = store.getState().session;
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    expect(store.getState().session).toBe(session);
    store.load(emptyDocument(), { name: 'New.graph', ref: null });
    const state = store.getState();
    expect(state.session).toBe(session + 1);
    expect([state.canUndo, state.canRedo, state.dirty]).toEqual([false, false, false]);
    expect(state.file.name).toBe('New.graph');
  });

  it('returns the same snapshot until something changes (for useSyncExternalStore)', () => {
    const store = createDocumentStore(seedDocument());
    const first = store.getState();
    expect(store.getState()).toBe(first);
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    expect(store.getState()).not.toBe(first);
  });
});

describe('DocumentStore.markSaved with the version written', () => {
  it('keeps edits made during a slow save dirty', () => {
    const store = createDocumentStore(seedDocument());
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    const written = store.getState().doc;
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 5));
    store.markSaved({ name: 'seed.graph', ref: null }, written);
    expect(store.getState().dirty).toBe(true);
    store.undo();
    expect(store.getState().dirty).toBe(false);
  });
});
