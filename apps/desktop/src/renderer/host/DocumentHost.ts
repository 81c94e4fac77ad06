/**
 * The renderer's only door to files and the window: one interface, two implementations
 * (the Electron bridge and the plain browser), so the same UI runs in both.
 *
 * The renderer never names a file path. A document it opened is identified by an opaque
 * `DocumentRef` that the host handed out; saving goes back through that ref (or through a
 * Save As dialog the host shows). Hosts return results, never throw for expected failures.
 */

import type {
  DocumentRef,
  MenuCommand,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from '../../shared/documentContract';
import type { RecoveryStore } from './recovery';

// The contract lives in src/shared (main and the preload use it too); re-exported for the canvas.
export type {
  DocumentRef,
  MenuCommand,
  OpenedDocument,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from '../../shared/documentContract';

export interface DocumentHost {
  readonly kind: 'electron' | 'browser';
  /** Where unsaved work is autosaved for after a crash or reload (see `autosave.ts`). */
  readonly recovery: RecoveryStore;
  /** Shows an open dialog (or file picker) and reads the chosen file. */
  open(): Promise<OpenResult>;
  /** Saves to `ref` when given (atomically, in Electron); otherwise behaves as {@link saveAs}. */
  save(ref: DocumentRef | null, text: string, suggestedName: string): Promise<SaveResult>;
  /** Asks where to save, then saves. */
  saveAs(text: string, suggestedName: string): Promise<SaveResult>;
  /** Reflects the document's name and dirty state in the window title (and macOS's edited dot). */
  setTitle(name: string, dirty: boolean): void;
  /** Asks Save / Don't Save / Cancel for a dirty document about to be replaced or closed. */
  confirmUnsaved(name: string): Promise<UnsavedChoice>;
  /** Menu and OS commands (Electron menus; keyboard in the browser is handled by the canvas). */
  onCommand(listener: (command: MenuCommand) => void): () => void;
  /** Documents opened from outside (command line, second launch, open-file, drag-and-drop). */
  onExternalOpen(listener: (result: OpenResult) => void): () => void;
  /**
   * Called by the renderer when the host asks to close the window: the renderer answers whether
   * closing may proceed (after asking about unsaved changes itself).
   */
  onCloseRequest(listener: () => Promise<boolean>): () => void;
}
