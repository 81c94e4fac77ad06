/**
 * The values that cross the process boundary about documents: what main answers to open and
 * save, and the commands its menus send. Main, the preload and the renderer's hosts all import
 * them from here, so main and the preload never import the renderer.
 *
 * The renderer never names a file path. A document it opened is identified by an opaque
 * {@link DocumentRef} that the host handed out; saving goes back through that ref (or through a
 * Save As dialog the host shows).
 */

/** Opaque token for a document the host opened or saved; only the host knows what it means. */
export type DocumentRef = string & { readonly __documentRef: unique symbol };

/** A document's text as read by the host, with the name to show in the title. */
export interface OpenedDocument {
  readonly ref: DocumentRef | null;
  /** File name for the title bar, e.g. `seed.graph` (never a full path; any name the OS allows). */
  readonly name: string;
  readonly text: string;
}

/** What opening a document gave. */
export type OpenResult =
  | { readonly kind: 'opened'; readonly document: OpenedDocument }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/** What saving a document gave. */
export type SaveResult =
  | { readonly kind: 'saved'; readonly ref: DocumentRef | null; readonly name: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The open document as autosaved while it had unsaved changes, offered back after a crash or a
 * reload: its `.graph` text, the name it had, and when it was written (ms since the epoch).
 */
export interface RecoverySnapshot {
  readonly name: string;
  readonly text: string;
  readonly savedAt: number;
}

/** The answer to "save changes before closing?". */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Commands the host's menus (or OS) send to the canvas. */
export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'delete'
  | 'select-all'
  | 'zoom-in'
  | 'zoom-out'
  | 'fit-view'
  | 'toggle-minimap'
  | 'toggle-edge-labels'
  | 'show-shortcuts'
  | 'about'
  | 'export-canvas-png'
  | 'export-canvas-svg'
  | `open-example:${string}`;
