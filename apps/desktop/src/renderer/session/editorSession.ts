import type {
  EdgeGradient,
  EdgeId,
  GraphSpec,
  NodeGradient,
  NodeId,
  NodeValue,
  OpRegistry,
  Runtime,
  RuntimeOptions,
} from '@chainrule/graph-runtime';
import { Observable } from 'rxjs';
import type { DocumentStore, FileInfo, Viewport } from '../document/DocumentStore';
import { createDocumentStore } from '../document/DocumentStore';
import type { EditorDocument } from '../document/editorDocument';
import { emptyDocument } from '../document/editorDocument';
import { followGraph } from './followGraph';
import type { ReplacedIds } from './followGraph';

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
  /**
   * The value of whatever runtime node holds `id` now. Emits the current state on subscribe and
   * every change after; when the node behind the id is replaced (an op change, an undo, a paste,
   * an expression rebuild, an opened file) it lets go of the old node and follows the new one.
   * While no node has the id it emits {@link GONE_VALUE}. Never completes.
   */
  nodeValue$(id: NodeId): Observable<NodeValue>;
  /** The gradient dJ/d(node) of whatever node holds `id`, followed like {@link nodeValue$}. */
  nodeGrad$(id: NodeId): Observable<NodeGradient>;
  /** The chain-rule factor of whatever edge holds `id`, followed like {@link nodeValue$}. */
  edgeGradient$(id: EdgeId): Observable<EdgeGradient>;
  /** How many runtimes this session has created (for tests: edits must not create any). */
  runtimeCreations(): number;
  dispose(): void;
}

/** What a view of a node id shows while no runtime node has that id. */
export const GONE_VALUE: NodeValue = { kind: 'blocked', message: '' };
/** The gradient of an id no runtime node has. */
export const GONE_GRADIENT: NodeGradient = { kind: 'none' };
/** The factor of an id no runtime edge has. */
export const GONE_EDGE: EdgeGradient = { kind: 'none', local: null };

/**
 * Who watches which id. A structural edit tells only the watchers of the ids it replaced, so
 * one edit costs in proportion to what it changed, not to the number of views.
 */
const createIdWatchers = () => {
  const nodes = new Map<string, Set<() => void>>();
  const edges = new Map<string, Set<() => void>>();
  const add = (map: Map<string, Set<() => void>>, id: string, reattach: () => void) => {
    let set = map.get(id);
    if (!set) map.set(id, (set = new Set()));
    set.add(reattach);
    return () => {
      set.delete(reattach);
      if (set.size === 0) map.delete(id);
    };
  };
  const notify = (map: Map<string, Set<() => void>>, ids: Iterable<string>) => {
    for (const id of ids) for (const reattach of [...(map.get(id) ?? [])]) reattach();
  };
  return {
    node: (id: string, reattach: () => void) => add(nodes, id, reattach),
    edge: (id: string, reattach: () => void) => add(edges, id, reattach),
    replaced(ids: ReplacedIds) {
      notify(nodes, ids.nodes);
      notify(edges, ids.edges);
    },
    /** A new runtime: every handle is another. */
    all() {
      notify(nodes, [...nodes.keys()]);
      notify(edges, [...edges.keys()]);
    },
  };
};

/** Creates an {@link EditorSession}; `createRuntime` is injected so tests can count calls. */
export const createEditorSession = (options: {
  registry: OpRegistry;
  createRuntime: (options: RuntimeOptions) => Runtime;
  doc?: EditorDocument;
  file?: FileInfo;
  /** Told when an edit was refused by the engine and undone. */
  onRefusedEdit?: (message: string) => void;
  /**
   * Told after the runtime was built or followed an edit, with the graph it now has and the
   * node ids it replaced (absent for a new runtime): the data views feed it here (issue 14).
   */
  onRuntimeSynced?: (
    runtime: Runtime,
    doc: EditorDocument,
    graph: GraphSpec,
    replaced?: ReadonlySet<string>,
  ) => void;
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
  options.onRuntimeSynced?.(runtime, initial, initial.graph);
  const store = createDocumentStore(initial, options.file);
  let followed = store.getState();
  const runtimeListeners = new Set<() => void>();
  const watchers = createIdWatchers();
  const runtimeReplaced = (): void => {
    watchers.all();
    for (const listener of [...runtimeListeners]) listener();
  };

  /**
   * A stream that follows the runtime's current holder of an id. It never keeps a handle across
   * a structural edit: each (re)attach asks the current runtime afresh, and the old handle's
   * stream (completed by the engine when its node was removed) is dropped, its completion
   * ignored.
   */
  const follow = <T>(
    watch: (reattach: () => void) => () => void,
    stream: (runtime: Runtime) => Observable<T> | null,
    gone: T,
  ): Observable<T> =>
    new Observable<T>((subscriber) => {
      let inner: { unsubscribe(): void } | null = null;
      const attach = (): void => {
        inner?.unsubscribe();
        inner = null;
        const source = stream(runtime);
        if (source === null) subscriber.next(gone);
        else inner = source.subscribe({ next: (value) => subscriber.next(value) });
      };
      const unwatch = watch(attach);
      attach();
      return () => {
        unwatch();
        inner?.unsubscribe();
      };
    });

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
    let replaced: ReplacedIds;
    try {
      replaced = followGraph(runtime, prev, state.doc.graph);
    } catch (error) {
      // An edit the engine refuses (the editor's own checks should prevent it) must not leave the
      // store and the runtime disagreeing: rebuild the runtime at the last good graph, and step
      // the store back to it.
      const message = error instanceof Error ? error.message : String(error);
      const old = runtime;
      runtime = make(prev);
      options.onRuntimeSynced?.(runtime, lastGood.doc, prev);
      runtimeReplaced();
      old.dispose();
      options.onRefusedEdit?.(message);
      // The undo brings back exactly `lastGood`'s graph, which the new runtime already has.
      followed = lastGood;
      store.undo();
      return;
    }
    options.onRuntimeSynced?.(runtime, state.doc, state.doc.graph, replaced.nodes);
    watchers.replaced(replaced);
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
      options.onRuntimeSynced?.(runtime, doc, doc.graph);
      store.load(doc, file, viewport);
      runtimeReplaced();
      old.dispose();
      return { ok: true };
    },
    nodeValue$: (id) =>
      follow(
        (reattach) => watchers.node(id, reattach),
        (current) => (current.hasNode(id) ? current.node(id).value$ : null),
        GONE_VALUE,
      ),
    nodeGrad$: (id) =>
      follow(
        (reattach) => watchers.node(id, reattach),
        (current) => (current.hasNode(id) ? current.node(id).grad$ : null),
        GONE_GRADIENT,
      ),
    edgeGradient$: (id) =>
      follow(
        (reattach) => watchers.edge(id, reattach),
        (current) => (current.hasEdge(id) ? current.edge(id).gradient$ : null),
        GONE_EDGE,
      ),
    runtimeCreations: () => creations,
    dispose() {
      unsubscribe();
      runtime.dispose();
    },
  };
};
