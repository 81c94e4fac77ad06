import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import type { DocumentRef } from '../host/DocumentHost';
import type { EditorDocument } from './editorDocument';
import { emptyDocument } from './editorDocument';
import { createListeners } from '../listeners';

/** What is selected on the canvas. Not part of undo history: selecting is not an edit. */
export interface Selection {
  readonly nodes: ReadonlySet<NodeId>;
  readonly edges: ReadonlySet<EdgeId>;
}

/** Where the open document lives, as far as the renderer knows: a name and the host's token. */
export interface FileInfo {
  readonly name: string;
  readonly ref: DocumentRef | null;
}

/** The canvas viewport (pan and zoom), saved with the layout but not an undoable edit. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Everything the UI renders from, as one immutable snapshot for `useSyncExternalStore`. */
export interface EditorState {
  readonly doc: EditorDocument;
  readonly selection: Selection;
  readonly file: FileInfo;
  /** Changes only when a document is opened or created, never on edits. */
  readonly session: number;
  readonly viewport: Viewport | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** The document differs from the version last saved (or opened). */
  readonly dirty: boolean;
  /** Label of the edit that Undo would revert, for the button's title. */
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
}

/** Options of one edit. */
export interface EditOptions {
  /**
   * Consecutive edits with the same key merge into one undo step (typing in one field, one
   * slider drag, one node drag) until {@link DocumentStore.seal} is called.
   */
  readonly coalesce?: string;
  /** The selection after the edit (e.g. the pasted nodes). */
  readonly select?: Selection;
}

interface HistoryEntry {
  readonly doc: EditorDocument;
  readonly label: string;
  readonly coalesceKey: string | null;
}

const emptySelection: Selection = { nodes: new Set(), edges: new Set() };
/** Enough to undo a long session, bounded so memory stays flat. */
const HISTORY_LIMIT = 500;

/**
 * The single source of truth of the editor: the document (graph + layout), its undo history,
 * the selection and the file it came from. Every edit is a pure function of the document passed
 * to {@link DocumentStore.edit}; undo and redo move through whole immutable snapshots, so an
 * undo can never disagree with the edit it reverts.
 */
export interface DocumentStore {
  getState(): EditorState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Applies an edit; returns false (and records nothing) when it changes nothing. */
  edit(
    label: string,
    change: (doc: EditorDocument) => EditorDocument,
    options?: EditOptions,
  ): boolean;
  /** Ends the current coalescing group, so the next edit is a new undo step. */
  seal(): void;
  undo(): boolean;
  redo(): boolean;
  setSelection(selection: Selection): void;
  setViewport(viewport: Viewport): void;
  /** Replaces the document (New, Open): fresh history, clean, a new session. */
  load(doc: EditorDocument, file: FileInfo, viewport?: Viewport | null): void;
  /**
   * Records that `saved` (by default the current version) is what the file now holds. Passing
   * the version that was written keeps edits made during a slow save dirty.
   */
  markSaved(file: FileInfo, saved?: EditorDocument): void;
}

/**
 * Creates a {@link DocumentStore} holding `doc` (an empty document by default).
 * @example
 * const store = createDocumentStore();
 * store.edit('Add input', (doc) => addNode(doc, node, { x: 0, y: 0 }));
 * store.undo();
 */
export const createDocumentStore = (
  doc: EditorDocument = emptyDocument(),
  file: FileInfo = { name: 'Untitled.graph', ref: null },
): DocumentStore => {
  let entries: HistoryEntry[] = [{ doc, label: 'Open', coalesceKey: null }];
  let index = 0;
  let sealed = true;
  let savedDoc: EditorDocument | null = doc;
  let selection = emptySelection;
  let viewport: Viewport | null = null;
  let currentFile = file;
  let session = 1;
  const listeners = createListeners();

  const snapshot = (): EditorState => ({
    doc: entries[index]!.doc,
    selection,
    file: currentFile,
    session,
    viewport,
    canUndo: index > 0,
    canRedo: index < entries.length - 1,
    dirty: entries[index]!.doc !== savedDoc,
    undoLabel: index > 0 ? entries[index]!.label : null,
    redoLabel: index < entries.length - 1 ? entries[index + 1]!.label : null,
  });
  let state = snapshot();

  const pruneSelection = (current: Selection, doc: EditorDocument): Selection => {
    if (current.nodes.size === 0 && current.edges.size === 0) return current;
    const nodeIds = new Set(doc.graph.nodes.map((node) => node.id));
    const edgeIds = new Set(doc.graph.edges.map((edge) => edge.id));
    const nodes = [...current.nodes].filter((id) => nodeIds.has(id));
    const edges = [...current.edges].filter((id) => edgeIds.has(id));
    return nodes.length === current.nodes.size && edges.length === current.edges.size
      ? current
      : { nodes: new Set(nodes), edges: new Set(edges) };
  };

  const publish = (): void => {
    state = snapshot();
    listeners.notify();
  };

  return {
    getState: () => state,
    subscribe: listeners.subscribe,
    edit(label, change, options = {}) {
      const current = entries[index]!;
      const next = change(current.doc);
      if (next === current.doc) {
        if (options.select) {
          selection = options.select;
          publish();
        }
        return false;
      }
      const key = options.coalesce ?? null;
      const merge = !sealed && key !== null && current.coalesceKey === key && index > 0;
      entries = entries.slice(0, index + 1);
      if (merge) {
        entries[index] = { doc: next, label: current.label, coalesceKey: key };
      } else {
        entries.push({ doc: next, label, coalesceKey: key });
        if (entries.length > HISTORY_LIMIT) entries = entries.slice(entries.length - HISTORY_LIMIT);
        index = entries.length - 1;
      }
      sealed = key === null;
      selection = pruneSelection(options.select ?? selection, next);
      publish();
      return true;
    },
    seal() {
      sealed = true;
    },
    undo() {
      if (index === 0) return false;
      index -= 1;
      sealed = true;
      selection = pruneSelection(selection, entries[index]!.doc);
      publish();
      return true;
    },
    redo() {
      if (index >= entries.length - 1) return false;
      index += 1;
      sealed = true;
      selection = pruneSelection(selection, entries[index]!.doc);
      publish();
      return true;
    },
    setSelection(next) {
      selection = pruneSelection(next, entries[index]!.doc);
      publish();
    },
    setViewport(next) {
      viewport = next;
      publish();
    },
    load(nextDoc, nextFile, nextViewport = null) {
      entries = [{ doc: nextDoc, label: 'Open', coalesceKey: null }];
      index = 0;
      sealed = true;
      savedDoc = nextDoc;
      selection = emptySelection;
      viewport = nextViewport;
      currentFile = nextFile;
      session += 1;
      publish();
    },
    markSaved(nextFile, saved = entries[index]!.doc) {
      savedDoc = saved;
      currentFile = nextFile;
      sealed = true;
      publish();
    },
  };
};
