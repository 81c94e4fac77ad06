import type {
  EdgeGradient,
  EdgeId,
  GraphSpec,
  NodeGradient,
  NodeId,
  NodeValue,
  OpRegistry,
  PortName,
  Runtime,
  RuntimeOptions,
} from '@chainrule/graph-runtime';
import { Observable } from 'rxjs';
import { documentRegistry } from '../composites/registry';
import type { InstancePath } from '../composites/scope';
import { combinedEdgeGradient$, portGradient$ } from './compositeStreams';
import type { FlatGraph } from './flatGraph';
import { flattenEditorDocument, reuseUnchanged } from './flatGraph';
import { createListeners } from '../listeners';
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
  /**
   * The ops of the open document: the engine's, plus a view of each composite definition (its
   * ports as an op's inputs) so the canvas, connections and paste treat instances like nodes.
   * Never evaluated: the engine runs the flat graph with {@link engineRegistry}.
   */
  readonly registry: OpRegistry;
  /** The engine's own ops, for anything that evaluates (the runtime, checks, nudges). */
  readonly engineRegistry: OpRegistry;
  /** The graph the runtime runs (composites flattened) and how the document maps onto it. */
  flat(): FlatGraph;
  /** The opened instance the canvas shows (`[]`: the document's own graph). */
  readonly scope: ScopeStore;
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
  /**
   * The chain-rule factor of whatever edge holds `id`, followed like {@link nodeValue$}. `id`
   * may be an inner edge's path (`h1/e2`); an edge into an instance's port became one flat edge
   * per inner consumer of the port, and shows their sum.
   */
  edgeGradient$(id: EdgeId): Observable<EdgeGradient>;
  /**
   * The value at a port of the instance at `instancePath` (`h1`, `net/h1`): an input port shows
   * what feeds it, an output what its inner producer computes.
   */
  portValue$(instancePath: string, side: 'input' | 'output', port: PortName): Observable<NodeValue>;
  /**
   * dJ/d(port): for an output, its producer's gradient; for an input, the gradient that flows
   * back through this instance's port (the sum over the inner edges it feeds).
   */
  portGrad$(
    instancePath: string,
    side: 'input' | 'output',
    port: PortName,
  ): Observable<NodeGradient>;
  /** How many runtimes this session has created (for tests: edits must not create any). */
  runtimeCreations(): number;
  dispose(): void;
}

/** Which opened instance the canvas shows; reset to the top when a document is opened. */
export interface ScopeStore {
  get(): InstancePath;
  set(path: InstancePath): void;
  subscribe(listener: () => void): () => void;
}

const createScopeStore = (): ScopeStore => {
  let path: InstancePath = [];
  const listeners = createListeners();
  return {
    get: () => path,
    set(next) {
      if (next.length === path.length && next.every((id, i) => id === path[i])) return;
      path = next;
      listeners.notify();
    },
    subscribe: listeners.subscribe,
  };
};

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
   * Called whenever the runtime has caught up with the document: after it was created (open,
   * a rebuild after a refused edit) and after it followed an edit. For feeding datasets: `graph`
   * is the flat graph the runtime now has, `replaced` the node ids the edit replaced (absent for
   * a new runtime, whose every node is new).
   */
  onRuntimeSynced?: (
    runtime: Runtime,
    doc: EditorDocument,
    graph: GraphSpec,
    replaced?: ReadonlySet<string>,
  ) => void;
}): EditorSession => {
  const engineRegistry = options.registry;
  let creations = 0;
  /** Flattens a document, throwing the flattener's located message when it refuses. */
  const flatten = (doc: EditorDocument): FlatGraph => {
    const result = flattenEditorDocument(doc, engineRegistry);
    if (!result.ok) throw new Error(result.message);
    return result.flat;
  };
  const make = (flatGraph: FlatGraph): Runtime => {
    const runtime = options.createRuntime({ registry: engineRegistry, graph: flatGraph.graph });
    creations += 1;
    return runtime;
  };
  const initial = options.doc ?? emptyDocument();
  let flat = flatten(initial);
  let runtime = make(flat);
  const store = createDocumentStore(initial, options.file);
  const registry = documentRegistry(engineRegistry, () => store.getState().doc.definitions);
  const scope = createScopeStore();
  let followed = store.getState();
  const runtimeListeners = new Set<() => void>();
  const watchers = createIdWatchers();
  // Views of composite ports and of edges that became several flat edges: told on every
  // structural change of a document with composites (what a port maps to may have moved).
  const mappedViews = createListeners();
  const synced = (replaced?: ReadonlySet<string>): void =>
    options.onRuntimeSynced?.(runtime, store.getState().doc, flat.graph, replaced);
  const runtimeReplaced = (): void => {
    watchers.all();
    mappedViews.notify();
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
    const prev = flat;
    followed = state;
    if (state.doc === lastGood.doc) return; // a selection or viewport change
    let replaced: ReplacedIds;
    try {
      const next = flatten(state.doc);
      // A plain document is its own flat graph: identity already says what changed.
      const graph =
        next.graph === state.doc.graph ? next.graph : reuseUnchanged(prev.graph, next.graph);
      replaced = followGraph(runtime, prev.graph, graph);
      flat = { graph, map: next.map };
    } catch (error) {
      // An edit the engine (or the flattener) refuses — the editor's own checks should prevent
      // it — must not leave the store and the runtime disagreeing: rebuild the runtime at the
      // last good graph, and step the store back to it.
      const message = error instanceof Error ? error.message : String(error);
      const old = runtime;
      flat = prev;
      runtime = make(prev);
      runtimeReplaced();
      old.dispose();
      options.onRefusedEdit?.(message);
      // The undo brings back exactly `lastGood`'s graph, which the new runtime already has.
      followed = lastGood;
      store.undo();
      synced();
      return;
    }
    watchers.replaced(replaced);
    if (flat.graph !== state.doc.graph && (replaced.nodes.size > 0 || replaced.edges.size > 0))
      mappedViews.notify();
    synced(replaced.nodes);
  });

  /** A stream over the current runtime and map, re-made on every structural change. */
  const followMapped = <T>(
    stream: (runtime: Runtime, flat: FlatGraph) => Observable<T>,
  ): Observable<T> =>
    new Observable<T>((subscriber) => {
      let inner: { unsubscribe(): void } | null = null;
      const attach = (): void => {
        inner?.unsubscribe();
        inner = stream(runtime, flat).subscribe({ next: (value) => subscriber.next(value) });
      };
      const unwatch = mappedViews.subscribe(attach);
      attach();
      return () => {
        unwatch();
        inner?.unsubscribe();
      };
    });

  const nodeValueIn = (current: Runtime, id: NodeId | null): Observable<NodeValue> | null =>
    id !== null && current.hasNode(id) ? current.node(id).value$ : null;
  const nodeGradIn = (current: Runtime, id: NodeId | null): Observable<NodeGradient> | null =>
    id !== null && current.hasNode(id) ? current.node(id).grad$ : null;
  const orGone = <T>(stream: Observable<T> | null, gone: T): Observable<T> =>
    stream ?? new Observable<T>((subscriber) => subscriber.next(gone));
  const carrier = (map: FlatGraph['map'], path: string, side: 'input' | 'output', port: string) =>
    side === 'input' ? map.inputCarrier(path, port) : map.outputCarrier(path, port);

  synced();
  return {
    store,
    registry,
    engineRegistry,
    flat: () => flat,
    scope,
    getRuntime: () => runtime,
    subscribeRuntime(listener) {
      runtimeListeners.add(listener);
      return () => runtimeListeners.delete(listener);
    },
    open(doc, file, viewport = null) {
      let next: Runtime;
      let nextFlat: FlatGraph;
      try {
        nextFlat = flatten(doc);
        next = make(nextFlat);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      const old = runtime;
      runtime = next;
      flat = nextFlat;
      scope.set([]);
      store.load(doc, file, viewport);
      runtimeReplaced();
      old.dispose();
      synced();
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
    edgeGradient$: (id) => {
      const plain = follow(
        (reattach) => watchers.edge(id, reattach),
        (current) => (current.hasEdge(id) ? current.edge(id).gradient$ : null),
        GONE_EDGE,
      );
      // An edge of a document without composites is its own flat edge; otherwise ask the map
      // (after every structural change) which flat edges it became.
      return new Observable<EdgeGradient>((subscriber) => {
        let mode: 'plain' | 'mapped' | null = null;
        let inner: { unsubscribe(): void } | null = null;
        const choose = (): void => {
          // A plain document's edges are their own flat edges (no need to ask the map).
          const edges = flat.graph === store.getState().doc.graph ? [id] : flat.map.flatEdges(id);
          const next = edges.length === 1 && edges[0] === id ? 'plain' : 'mapped';
          if (next === mode && next === 'plain') return;
          mode = next;
          inner?.unsubscribe();
          inner = (
            next === 'plain'
              ? plain
              : edges.length === 0
                ? orGone(null, GONE_EDGE)
                : combinedEdgeGradient$(runtime, edges)
          ).subscribe({ next: (value) => subscriber.next(value) });
        };
        const unwatch = mappedViews.subscribe(choose);
        choose();
        return () => {
          unwatch();
          inner?.unsubscribe();
        };
      });
    },
    portValue$: (path, side, port) =>
      followMapped((current, { map }) =>
        orGone(nodeValueIn(current, carrier(map, path, side, port)), GONE_VALUE),
      ),
    portGrad$: (path, side, port) =>
      followMapped((current, { map }) => {
        if (side === 'output')
          return orGone(nodeGradIn(current, carrier(map, path, side, port)), GONE_GRADIENT);
        const name = map.definitionOf(path);
        const definition = store.getState().doc.definitions?.find((d) => d.name === name);
        const edges = (definition?.graph.edges ?? [])
          .filter((edge) => edge.source === port)
          .flatMap((edge) => map.flatEdges(`${path}/${edge.id}`));
        return portGradient$(current, edges);
      }),
    runtimeCreations: () => creations,
    dispose() {
      unsubscribe();
      runtime.dispose();
    },
  };
};
