import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { edgeId } from '@chainrule/graph-runtime';
import type { EditorActions } from '../actions/editorActions';
import { createEditorActions } from '../actions/editorActions';
import type { EditorServices } from '../EditorContext';
import type { DocumentStore, EditorState, Selection, Viewport } from '../document/DocumentStore';
import type { EditorDocument } from '../document/editorDocument';
import { createListeners } from '../listeners';
import type { EditorSession } from '../session/editorSession';
import type { InstancePath } from './scope';
import { flatIdAt, scopeDocument, writeScope } from './scope';

const emptySelection: Selection = { nodes: new Set(), edges: new Set() };

const prune = (selection: Selection, doc: EditorDocument): Selection => {
  if (selection.nodes.size === 0 && selection.edges.size === 0) return selection;
  const nodes = new Set(doc.graph.nodes.map((node) => node.id as string));
  const edges = new Set(doc.graph.edges.map((edge) => edge.id as string));
  const keptNodes = [...selection.nodes].filter((id) => nodes.has(id));
  const keptEdges = [...selection.edges].filter((id) => edges.has(id));
  return keptNodes.length === selection.nodes.size && keptEdges.length === selection.edges.size
    ? selection
    : { nodes: new Set(keptNodes), edges: new Set(keptEdges) };
};

/**
 * The document store as seen from inside an opened instance: its `doc` is the definition's
 * inner graph with this instance's parameter values ({@link scopeDocument}); every edit is an
 * edit of the whole document ({@link writeScope}), so it lands in the one undo history, and
 * undo, redo, save state and the file are the document's own. Selection and viewport are the
 * opened view's.
 */
export const createScopedStore = (root: DocumentStore, path: InstancePath): DocumentStore => {
  let selection = emptySelection;
  let viewport: Viewport | null = null;
  const listeners = createListeners();
  let lastRoot: EditorState | null = null;
  let lastSelection = selection;
  let lastViewport: Viewport | null = viewport;
  let state: EditorState | null = null;
  let lastView: EditorDocument | null = null;

  const getState = (): EditorState => {
    const outer = root.getState();
    if (state && outer === lastRoot && selection === lastSelection && viewport === lastViewport)
      return state;
    // Where the path no longer leads (an undo removed the instance) the last view stays until
    // the canvas goes back up.
    const doc = scopeDocument(outer.doc, path) ?? lastView ?? outer.doc;
    lastView = doc;
    selection = prune(selection, doc);
    lastRoot = outer;
    lastSelection = selection;
    lastViewport = viewport;
    state = { ...outer, doc, selection, viewport };
    return state;
  };

  return {
    getState,
    subscribe(listener) {
      const offRoot = root.subscribe(listener);
      const offLocal = listeners.subscribe(listener);
      return () => {
        offRoot();
        offLocal();
      };
    },
    edit(label, change, options = {}) {
      const changed = root.edit(
        label,
        (doc) => {
          const view = scopeDocument(doc, path);
          return view ? writeScope(doc, path, view, change(view)) : doc;
        },
        options.coalesce !== undefined ? { coalesce: options.coalesce } : {},
      );
      if (options.select) {
        selection = options.select;
        listeners.notify();
      }
      return changed;
    },
    seal: () => root.seal(),
    undo: () => root.undo(),
    redo: () => root.redo(),
    setSelection(next) {
      selection = next;
      listeners.notify();
    },
    setViewport(next) {
      viewport = next;
      listeners.notify();
    },
    load: (doc, file, next) => root.load(doc, file, next),
    markSaved: (file, saved) => root.markSaved(file, saved),
  };
};

/**
 * The session as seen from inside an opened instance: its store is {@link createScopedStore},
 * and a node or edge id of the inner graph reads the flat node or edges it became for THIS
 * instance (`mul1` inside `h1` reads `h1/mul1`; the input port `x1` reads what feeds `h1.x1`).
 */
export const createScopedSession = (root: EditorSession, path: InstancePath): EditorSession => {
  const store = createScopedStore(root.store, path);
  const prefix = path.join('/');
  const isPort = (id: NodeId): boolean => {
    const opened = store.getState().doc.opened;
    return opened?.inputs.includes(id) ?? false;
  };
  return {
    store,
    registry: root.registry,
    engineRegistry: root.engineRegistry,
    flat: root.flat,
    scope: root.scope,
    getRuntime: root.getRuntime,
    subscribeRuntime: root.subscribeRuntime,
    open: root.open,
    nodeValue$: (id) =>
      isPort(id) ? root.portValue$(prefix, 'input', id) : root.nodeValue$(flatIdAt(path, id)),
    nodeGrad$: (id) =>
      isPort(id) ? root.portGrad$(prefix, 'input', id) : root.nodeGrad$(flatIdAt(path, id)),
    edgeGradient$: (id: EdgeId) => root.edgeGradient$(edgeId(`${prefix}/${id}`)),
    portValue$: (instance, side, port) => root.portValue$(`${prefix}/${instance}`, side, port),
    portGrad$: (instance, side, port) => root.portGrad$(`${prefix}/${instance}`, side, port),
    runtimeCreations: root.runtimeCreations,
    dispose: () => undefined,
  };
};

/** Commands about the file, which always act on the whole document, never an opened view. */
const FILE_COMMANDS = new Set(['new', 'open', 'save', 'save-as']);

/**
 * The editor's services inside an opened instance: the scoped session, and actions that edit
 * the inner graph, while New, Open, Save and friends stay the document's.
 */
export const createScopedServices = (root: EditorServices, path: InstancePath): EditorServices => {
  const session = createScopedSession(root.session, path);
  const inner = createEditorActions(session, root.host, root.view);
  const actions: EditorActions = {
    ...inner,
    newDocument: root.actions.newDocument,
    openDocument: root.actions.openDocument,
    openExample: root.actions.openExample,
    openExternal: root.actions.openExternal,
    save: root.actions.save,
    saveAs: root.actions.saveAs,
    confirmDiscard: root.actions.confirmDiscard,
    runCommand: (command) =>
      FILE_COMMANDS.has(command) || command.startsWith('open-example:')
        ? root.actions.runCommand(command)
        : inner.runCommand(command),
  };
  return { ...root, session, actions };
};
