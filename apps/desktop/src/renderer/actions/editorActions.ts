import type { EdgeId, GraphNode, NodeId } from '@chainrule/graph-runtime';
import type { Selection } from '../document/DocumentStore';
import type { ConnectionRequest } from '../document/connect';
import { connect } from '../document/connect';
import { readGraphText, writeGraphText } from '../document/documentText';
import type { XY } from '../document/editorDocument';
import {
  addNode,
  emptyDocument,
  freshNodeId,
  moveNodes,
  removeElements,
  setLabel,
  setOutput,
  setValue,
  takenIds,
} from '../document/editorDocument';
import type { GraphFragment } from '../document/fragment';
import {
  extractFragment,
  insertFragment,
  parseFragment,
  sanitizeFragment,
} from '../document/fragment';
import { examples } from '../examples';
import type { DocumentHost, DocumentRef, MenuCommand, OpenResult } from '../host/DocumentHost';
import type { EditorSession } from '../session/editorSession';
import type { ViewStore } from '../viewStore';
import { intermediateName } from '@chainrule/learn';
import { freePosition } from '../canvas/freePosition';
import { NODE_FOOTPRINT, takenNames } from '../document/names';

/** What the canvas lends the actions: coordinates and viewport commands of React Flow. */
export interface CanvasControls {
  /** The flow position at the centre of the visible canvas. */
  center(): XY;
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Opens the quick-add search at the pointer (or the middle of the view). */
  quickAdd(): void;
}

/**
 * Every edit and command of the editor, in one place, so the keyboard, the menus, the palette,
 * the node menus and the inspector all do exactly the same thing.
 */
export interface EditorActions {
  attachCanvas(controls: CanvasControls | null): void;
  /** Opens the quick-add search on the canvas. */
  quickAdd(): void;
  addOp(op: string, at?: XY, options?: { connectFrom?: NodeId }): NodeId | null;
  connect(request: ConnectionRequest): void;
  reconnect(edge: EdgeId, request: ConnectionRequest): void;
  removeEdge(edge: EdgeId): void;
  deleteSelection(): void;
  duplicateSelection(): void;
  copySelection(): void;
  cutSelection(): void;
  paste(): void;
  selectAll(): void;
  select(selection: Selection): void;
  setOutput(id: NodeId | null): void;
  setValue(id: NodeId, value: number, gesture: string): void;
  setLabel(id: NodeId, label: string, gesture: string): void;
  moveNodes(moves: ReadonlyMap<NodeId, XY>, gesture: string): void;
  /** Ends a gesture (typing in a field, a drag): the next edit is a new undo step. */
  endGesture(): void;
  undo(): void;
  redo(): void;
  newDocument(): Promise<void>;
  openDocument(): Promise<void>;
  openExample(id: string): Promise<void>;
  /** Opens a document the host handed over (command line, drag-and-drop, second launch). */
  openExternal(result: OpenResult): Promise<void>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  /** Asks about unsaved changes; resolves whether the current document may be replaced or closed. */
  confirmDiscard(): Promise<boolean>;
  runCommand(command: MenuCommand): void;
}

/** Pasted copies land this far from their originals (and from each other). */
const PASTE_OFFSET = 40;

/** Creates the {@link EditorActions} of one editor window. */
export const createEditorActions = (
  session: EditorSession,
  host: DocumentHost,
  view: ViewStore,
): EditorActions => {
  const { store, registry } = session;
  let canvas: CanvasControls | null = null;
  // Shared by every document of this window, so copy in one graph and paste in another works.
  let clipboard: GraphFragment | null = null;
  let pasteCount = 0;

  const nodeName = (id: NodeId): string => {
    const node = store.getState().doc.graph.nodes.find((n) => n.id === id);
    return node?.label ?? id;
  };

  const select = (nodes: Iterable<NodeId>, edges: Iterable<EdgeId> = []): Selection => ({
    nodes: new Set(nodes),
    edges: new Set(edges),
  });

  const connectWith = (request: ConnectionRequest, reconnecting?: EdgeId): void => {
    const doc = store.getState().doc;
    const result = connect(doc, registry, request, reconnecting ? { reconnecting } : {});
    if (result.kind === 'connected') {
      view.dismiss();
      store.edit(reconnecting ? 'Reconnect' : 'Connect', () => result.doc);
      return;
    }
    if (result.kind === 'occupied') {
      view.notify({
        tone: 'refusal',
        message: `${result.message} Replace that connection?`,
        action: {
          label: 'Replace',
          run: () => {
            const latest = connect(store.getState().doc, registry, request, {
              replace: true,
              ...(reconnecting ? { reconnecting } : {}),
            });
            if (latest.kind === 'connected') store.edit('Replace connection', () => latest.doc);
            view.dismiss();
          },
        },
      });
      return;
    }
    view.notify({ tone: 'refusal', message: result.message });
  };

  const pasteFragment = (fragment: GraphFragment, label: string): void => {
    pasteCount += 1;
    const offset = { x: PASTE_OFFSET * pasteCount, y: PASTE_OFFSET * pasteCount };
    const before = store.getState().doc;
    const { doc, nodeIds } = insertFragment(before, sanitizeFragment(fragment, registry), offset);
    const pastedIds = new Set<string>(nodeIds);
    const edges = doc.graph.edges.filter((e) => pastedIds.has(e.source)).map((e) => e.id);
    store.edit(label, () => doc, { select: select(nodeIds, edges) });
  };

  const selectedFragment = (): GraphFragment | null => {
    const { doc, selection } = store.getState();
    return selection.nodes.size > 0 ? extractFragment(doc, selection.nodes) : null;
  };

  const copySelection = (): void => {
    const fragment = selectedFragment();
    if (!fragment) return;
    clipboard = fragment;
    pasteCount = 0;
    // Also on the system clipboard, for pasting into another window; not all hosts allow it.
    navigator.clipboard?.writeText(JSON.stringify(fragment)).catch(() => undefined);
  };

  const deleteSelection = (label = 'Delete'): void => {
    const { selection } = store.getState();
    store.edit(label, (doc) => removeElements(doc, selection.nodes, selection.edges), {
      select: select([]),
    });
  };

  const replaceDocument = async (load: () => Promise<boolean>): Promise<void> => {
    if (!(await confirmDiscard())) return;
    await load();
  };

  const openText = (text: string, name: string, ref: DocumentRef | null): boolean => {
    // The file is read against the ops alone: the open document's own definitions are not the next one's.
    const read = readGraphText(text, session.engineRegistry);
    if (!read.ok) {
      view.notify({ tone: 'error', message: `Could not open ${name}:\n${read.message}` });
      return false;
    }
    const outcome = session.open(read.doc, { name, ref }, read.viewport);
    if (!outcome.ok) {
      view.notify({ tone: 'error', message: `Could not open ${name}: ${outcome.message}` });
      return false;
    }
    view.dismiss();
    pasteCount = 0;
    return true;
  };

  const handleOpenResult = (result: OpenResult): boolean => {
    if (result.kind === 'opened') {
      return openText(result.document.text, result.document.name, result.document.ref);
    }
    if (result.kind === 'failed') view.notify({ tone: 'error', message: result.message });
    return false;
  };

  const suggestedName = (): string => store.getState().file.name;

  const save = async (asNew: boolean): Promise<boolean> => {
    const state = store.getState();
    const text = writeGraphText(state.doc, state.viewport);
    const result = asNew
      ? await host.saveAs(text, suggestedName())
      : await host.save(state.file.ref, text, suggestedName());
    if (result.kind === 'saved') {
      // Only what was written is clean: edits made while the host was saving stay dirty.
      store.markSaved({ name: result.name, ref: result.ref }, state.doc);
      return true;
    }
    if (result.kind === 'failed')
      view.notify({ tone: 'error', message: `Could not save: ${result.message}` });
    return false;
  };

  const confirmDiscard = async (): Promise<boolean> => {
    const state = store.getState();
    if (!state.dirty) return true;
    const choice = await host.confirmUnsaved(state.file.name);
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return save(false);
  };

  const actions: EditorActions = {
    attachCanvas(controls) {
      canvas = controls;
    },
    quickAdd: () => canvas?.quickAdd(),
    addOp(op, at, options = {}) {
      const definition = registry.get(op);
      if (!definition) return null;
      const doc = store.getState().doc;
      const id = freshNodeId(takenIds(doc).nodes, op);
      const fallback = definition.params.find((p) => p.name === 'value')?.default ?? 0;
      // Intermediate results are named as a textbook would (u, v, w…), not by their id (mul1).
      const node: GraphNode =
        definition.kind === 'source'
          ? { id, op, params: { value: fallback } }
          : { id, op, label: intermediateName(takenNames(doc)) };
      // Where it was asked for (a drop, quick add), else the centre of the view (palette by
      // keyboard, menu); if a node is already there, the free spot nearest it, so nodes added
      // one after another never stack.
      const position = freePosition(
        at ?? canvas?.center() ?? { x: 0, y: 0 },
        Object.values(doc.positions),
        NODE_FOOTPRINT,
      );
      let next = addNode(doc, node, position);
      const from = options.connectFrom;
      const port = definition.inputs[0];
      if (from && port) {
        const wired = connect(next, registry, { source: from, target: id, targetPort: port });
        if (wired.kind === 'connected') next = wired.doc;
      }
      store.edit(`Add ${definition.label}`, () => next, { select: select([id]) });
      return id;
    },
    connect: (request) => connectWith(request),
    reconnect: (edge, request) => connectWith(request, edge),
    removeEdge(edge) {
      store.edit('Delete connection', (doc) => removeElements(doc, [], [edge]));
    },
    deleteSelection: () => deleteSelection(),
    duplicateSelection() {
      const fragment = selectedFragment();
      if (!fragment) return;
      pasteCount = 0;
      pasteFragment(fragment, 'Duplicate');
    },
    copySelection,
    cutSelection() {
      copySelection();
      deleteSelection('Cut');
    },
    paste() {
      if (clipboard) {
        pasteFragment(clipboard, 'Paste');
        return;
      }
      navigator.clipboard
        ?.readText()
        .then((text) => {
          const fragment = parseFragment(text);
          if (fragment) pasteFragment(fragment, 'Paste');
        })
        .catch(() => undefined);
    },
    selectAll() {
      const { doc } = store.getState();
      store.setSelection(
        select(
          doc.graph.nodes.map((n) => n.id),
          doc.graph.edges.map((e) => e.id),
        ),
      );
    },
    select: (selection) => store.setSelection(selection),
    setOutput(id) {
      store.edit(id ? `Choose ${nodeName(id)} as output` : 'Clear output', (doc) =>
        setOutput(doc, id),
      );
    },
    setValue(id, value, gesture) {
      store.edit(`Set ${nodeName(id)}`, (doc) => setValue(doc, id, value), { coalesce: gesture });
    },
    setLabel(id, label, gesture) {
      store.edit(`Rename ${id}`, (doc) => setLabel(doc, id, label), { coalesce: gesture });
    },
    moveNodes(moves, gesture) {
      store.edit('Move', (doc) => moveNodes(doc, moves), { coalesce: gesture });
    },
    endGesture: () => store.seal(),
    undo: () => void store.undo(),
    redo: () => void store.redo(),
    newDocument: () =>
      replaceDocument(async () => {
        pasteCount = 0;
        return session.open(emptyDocument(), { name: 'Untitled.graph', ref: null }).ok;
      }),
    openDocument: () => replaceDocument(async () => handleOpenResult(await host.open())),
    openExample: (id) =>
      replaceDocument(async () => {
        const example = examples.find((e) => e.id === id);
        if (!example) {
          view.notify({ tone: 'error', message: `There is no example called ${id}.` });
          return false;
        }
        return openText(example.text, example.id, null);
      }),
    openExternal: (result) => replaceDocument(async () => handleOpenResult(result)),
    save: () => save(false),
    saveAs: () => save(true),
    confirmDiscard,
    runCommand(command) {
      const run: Record<string, () => unknown> = {
        new: actions.newDocument,
        open: actions.openDocument,
        save: actions.save,
        'save-as': actions.saveAs,
        undo: actions.undo,
        redo: actions.redo,
        cut: actions.cutSelection,
        copy: actions.copySelection,
        paste: actions.paste,
        delete: actions.deleteSelection,
        'select-all': actions.selectAll,
        'zoom-in': () => canvas?.zoomIn(),
        'zoom-out': () => canvas?.zoomOut(),
        'fit-view': () => canvas?.fitView(),
        'toggle-minimap': () => view.update({ minimap: !view.getState().minimap }),
        'toggle-edge-labels': () => view.update({ edgeLabels: !view.getState().edgeLabels }),
        'show-shortcuts': () => view.update({ shortcutsOpen: true }),
        about: () =>
          view.notify({
            tone: 'info',
            message: 'Chainrule: build a computational graph and watch backpropagation live.',
          }),
      };
      if (command.startsWith('open-example:')) {
        void actions.openExample(command.slice('open-example:'.length));
        return;
      }
      void run[command]?.();
    },
  };
  return actions;
};
