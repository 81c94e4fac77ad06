import type { ChainruleBridge, NativeEditCommand } from '../../shared/ipc';
import { tooLargeToSave } from './saveLimit';
import type {
  DocumentHost,
  MenuCommand,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from './DocumentHost';

/** The bits of the page the Electron host touches; injected so it is testable in Node. */
export interface ElectronHostPage {
  /** The element with keyboard focus (`document.activeElement`). */
  activeElement(): Element | null;
  /** Adds a window event listener and returns its removal. */
  listen(type: 'dragover' | 'drop', listener: (event: DragEvent) => void): () => void;
}

const NATIVE_EDIT: ReadonlySet<MenuCommand> = new Set<MenuCommand>([
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'select-all',
]);

/**
 * True when `element` edits text, so Edit-menu commands belong to it, not to the canvas:
 * Cmd+Z in the inspector's value field undoes typing, not the last graph edit.
 */
export function isTextEditingElement(element: Element | null): boolean {
  if (element === null) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea') return true;
  if (tag === 'input') {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    return ['text', 'search', 'number', 'email', 'url', 'tel', 'password'].includes(type);
  }
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

function failure(error: unknown): { kind: 'failed'; message: string } {
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

function defaultPage(): ElectronHostPage {
  return {
    activeElement: () => document.activeElement,
    listen(type, listener) {
      window.addEventListener(type, listener);
      return () => window.removeEventListener(type, listener);
    },
  };
}

/**
 * The {@link DocumentHost} inside Electron: every call goes through the preload's bridge to main,
 * which owns dialogs, paths and the disk.
 *
 * It also makes the shell's promises hold without the canvas knowing about Electron: Edit
 * commands go to Chromium while a text field has focus; a file dropped on the window is handed
 * to main to open; and main is told when the renderer is listening, so a document named on the
 * command line is not lost while the page loads.
 *
 * @example const host = createElectronHost(window.chainrule);
 */
export function createElectronHost(
  bridge: ChainruleBridge,
  page: ElectronHostPage = defaultPage(),
): DocumentHost {
  const commandListeners = new Set<(command: MenuCommand) => void>();
  const externalListeners = new Set<(result: OpenResult) => void>();
  const closeListeners: (() => Promise<boolean>)[] = [];
  let readySignalled = false;

  bridge.onCommand((command) => {
    if (NATIVE_EDIT.has(command) && isTextEditingElement(page.activeElement())) {
      bridge.nativeEdit(command as NativeEditCommand);
      return;
    }
    for (const listener of [...commandListeners]) listener(command);
  });

  bridge.onExternalOpen((result) => {
    for (const listener of [...externalListeners]) listener(result);
  });

  bridge.onCloseRequest((requestId) => {
    // The most recently registered listener speaks for the page (it owns the document now).
    const listener = closeListeners.at(-1);
    if (listener === undefined) {
      bridge.answerCloseRequest(requestId, true);
      return;
    }
    listener().then(
      (allow) => bridge.answerCloseRequest(requestId, allow),
      // A failure while asking must not close the window and lose the document.
      () => bridge.answerCloseRequest(requestId, false),
    );
  });

  const carriesFiles = (event: DragEvent) =>
    event.dataTransfer !== null && Array.from(event.dataTransfer.types).includes('Files');
  page.listen('dragover', (event) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
  });
  page.listen('drop', (event) => {
    // Always stop Chromium from navigating to a dropped file (main denies it too).
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) bridge.openDroppedFile(file);
  });

  return {
    kind: 'electron',
    recovery: {
      read: () => bridge.readRecovery(),
      write: (snapshot) => bridge.writeRecovery(snapshot),
      clear: () => bridge.clearRecovery(),
    },
    async open(): Promise<OpenResult> {
      try {
        return await bridge.open();
      } catch (error) {
        return failure(error);
      }
    },
    async save(ref, text, suggestedName): Promise<SaveResult> {
      // Said here, with the limit's own sentence, rather than refused by main's IPC guard.
      const tooLarge = tooLargeToSave(text, suggestedName);
      if (tooLarge !== null) return tooLarge;
      try {
        return await bridge.save(ref, text, suggestedName);
      } catch (error) {
        return failure(error);
      }
    },
    async saveAs(text, suggestedName): Promise<SaveResult> {
      const tooLarge = tooLargeToSave(text, suggestedName);
      if (tooLarge !== null) return tooLarge;
      try {
        return await bridge.saveAs(text, suggestedName);
      } catch (error) {
        return failure(error);
      }
    },
    setTitle(name, dirty) {
      bridge.setTitle(name, dirty);
    },
    async confirmUnsaved(name): Promise<UnsavedChoice> {
      try {
        return await bridge.confirmUnsaved(name);
      } catch {
        // If the question cannot be asked, keep the document: Cancel is the safe answer.
        return 'cancel';
      }
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    onExternalOpen(listener) {
      externalListeners.add(listener);
      if (!readySignalled) {
        readySignalled = true;
        bridge.rendererReady();
      }
      return () => externalListeners.delete(listener);
    },
    onCloseRequest(listener) {
      closeListeners.push(listener);
      return () => {
        const index = closeListeners.lastIndexOf(listener);
        if (index >= 0) closeListeners.splice(index, 1);
      };
    },
  };
}
