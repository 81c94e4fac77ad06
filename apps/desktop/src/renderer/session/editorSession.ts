import type { GraphSpec, OpRegistry, Runtime, RuntimeOptions } from '@chainrule/graph-runtime';
import type { DocumentStore, FileInfo, Viewport } from '../document/DocumentStore';
import { createDocumentStore } from '../document/DocumentStore';
import type { EditorDocument } from '../document/editorDocument';
import { emptyDocument } from '../document/editorDocument';
import { followGraph } from './followGraph';

/** The result of opening a document into the session. */
export type OpenOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * One editor window's state: the document store and the runtime that follows it. The runtime is
 * created when a document is opened (or created) and then follows every edit incrementally; it
 * is never re-created on edits, and undo/redo are just more edits to it.
 */
export interface EditorSession {
  readonly store: DocumentStore;
  readonly registry: OpRegistry;
  /** The runtime of the open document. */
  getRuntime(): Runtime;
  /** Notifies when the runtime is replaced (a document was opened). */
  subscribeRuntime(listener: () => void): () => void;
  /**
   * Replaces the document, checking it first: if the engine refuses the graph, nothing changes
   * and the message says why.
   */
  open(doc: EditorDocument, file: FileInfo, viewport?: Viewport | null): OpenOutcome;
  /** How many runtimes this session has created (for tests: edits must not create any). */
  runtimeCreations(): number;
  dispose(): void;
}

/** Creates an {@link EditorSession}; `createRuntime` is injected so tests can count calls. */
export const createEditorSession = (options: {
  registry: OpRegistry;
  createRuntime: (options: RuntimeOptions) => Runtime;
  doc?: EditorDocument;
  file?: FileInfo;
  /** Told when an edit was refused by the engine and undone. */
  onRefusedEdit?: (message: string) => void;
}): EditorSession => {
  const { registry } = options;
  let creations = 0;
  const make = (graph: GraphSpec): Runtime => {
    const runtime = options.createRuntime({ registry, graph });
    creations += 1;
    return runtime;
  };
  const initial = options.doc ?? emptyDocument();
  let runtime = make(initial.graph);
  const store = createDocumentStore(initial, options.file);
  let followed = store.getState();
  const runtimeListeners = new Set<() => void>();

  // Subscribed before any view, so the runtime has followed an edit before React renders it.
  const unsubscribe = store.subscribe(() => {
    const state = store.getState();
    if (state.session !== followed.session) {
      followed = state;
      return; // `open` already swapped in a runtime for the new document
    }
    const lastGood = followed;
    const prev = lastGood.doc.graph;
    followed = state;
    try {
      followGraph(runtime, prev, state.doc.graph);
    } catch (error) {
      // An edit the engine refuses (the editor's own checks should prevent it) must not leave the
      // store and the runtime disagreeing: rebuild the runtime at the last good graph, and step
      // the store back to it.
      const message = error instanceof Error ? error.message : String(error);
      const old = runtime;
      runtime = make(prev);
      old.dispose();
      for (const listener of [...runtimeListeners]) listener();
      options.onRefusedEdit?.(message);
      // The undo brings back exactly `lastGood`'s graph, which the new runtime already has.
      followed = lastGood;
      store.undo();
    }
  });

  return {
    store,
    registry,
    getRuntime: () => runtime,
    subscribeRuntime(listener) {
      runtimeListeners.add(listener);
      return () => runtimeListeners.delete(listener);
    },
    open(doc, file, viewport = null) {
      let next: Runtime;
      try {
        next = make(doc.graph);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      const old = runtime;
      runtime = next;
      store.load(doc, file, viewport);
      for (const listener of [...runtimeListeners]) listener();
      old.dispose();
      return { ok: true };
    },
    runtimeCreations: () => creations,
    dispose() {
      unsubscribe();
      runtime.dispose();
    },
  };
};
