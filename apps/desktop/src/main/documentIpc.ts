import path from 'node:path';
import {
  readDocumentFile,
  saveFile,
  type FileStamp,
  type FileSystem,
  type SaveFileOptions,
} from '@chainrule/files';
import { documentTextSizeProblem, quoteText } from '@chainrule/graph-runtime';
import type {
  DocumentRef,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from '../shared/documentContract';
import type { DocumentRefs } from './documentRefs';
import { hasGraphExtension, suggestedFileName, withGraphExtension } from './fileNames';
import type { InvokeHandlers } from './ipcRouter';
import type { RecentFiles } from './recentFiles';
import type { RecoveryChannel } from './recoveryStore';
import type { DocumentWindow, WindowManager } from './windows';

/** A question in a message box; the answer is the index of the button chosen. */
export interface Question {
  readonly type: 'warning' | 'error' | 'question';
  readonly message: string;
  readonly detail?: string;
  readonly buttons: readonly string[];
  readonly defaultId: number;
  readonly cancelId: number;
}

/** The native dialogs document handling needs; Electron's `dialog` in the app, a script in tests. */
export interface DocumentDialogs {
  /** The file chosen to open, or `null` on cancel. */
  chooseFileToOpen(parent: DocumentWindow | undefined): Promise<string | null>;
  /** Where to save (the dialog asks about replacing an existing file), or `null` on cancel. */
  chooseSaveLocation(
    parent: DocumentWindow | undefined,
    defaultPath: string,
  ): Promise<string | null>;
  ask(parent: DocumentWindow | undefined, question: Question): Promise<number>;
}

/** What document IPC needs. */
export interface DocumentIpcOptions {
  readonly platform: NodeJS.Platform;
  readonly windows: WindowManager;
  readonly dialogs: DocumentDialogs;
  readonly refs: DocumentRefs;
  readonly recentFiles: RecentFiles;
  /** Called after a file was opened or saved (and added to recent files): menus, OS lists. */
  readonly onRecentChanged: (file: string) => void;
  /** The folder a Save dialog starts in when there is no recent file. */
  readonly documentsFolder: () => string;
  /** The file system; faults are injected here in tests. */
  readonly fs: FileSystem;
}

/** Document handling in main: the invoke handlers, and opening files named from outside. */
export interface DocumentIpc {
  readonly invoke: Omit<InvokeHandlers, RecoveryChannel>;
  /** Reads a file for a window: size and UTF-8 only; the renderer parses it. */
  readForOpen(file: string): Promise<OpenResult>;
  /**
   * Opens a file named from outside (command line, second launch, macOS open-file, a drop) in
   * the current window. `requireExtension`: refuse anything not named `.graph` (not for Recent
   * files, which were opened before).
   */
  openExternally(file: string, requireExtension: boolean): Promise<void>;
}

/** Button order of the three-way overwrite question. */
const OVERWRITE = 0;
const SAVE_AS = 1;
const OVERWRITE_BUTTONS = ['Overwrite', 'Save As…', 'Cancel'] as const;

/**
 * Creates document IPC. Every decision about a file is here, with its dependencies passed in:
 *
 * - Open reads the bytes and checks only size and UTF-8; the renderer parses, so a crafted file
 *   never blocks main (whose event loop runs every window's menus).
 * - Save goes through `@chainrule/files`: through links, keeping the mode, atomically. A
 *   read-only file or folder, or a file changed on disk since this window read it, is not
 *   overwritten without asking Overwrite / Save As… / Cancel.
 * - Save As adds `.graph` when the dialog left it off, and asks before replacing a file the
 *   dialog did not ask about (the one with the added extension).
 * - Names are kept exactly as the OS gave them; messages quote them with `quoteText`.
 */
export function createDocumentIpc(options: DocumentIpcOptions): DocumentIpc {
  const { windows, dialogs, refs, recentFiles, fs, platform } = options;

  async function remember(file: string): Promise<void> {
    await recentFiles.add(file);
    options.onRecentChanged(file);
  }

  async function readForOpen(file: string): Promise<OpenResult> {
    const name = path.basename(file);
    const read = await readDocumentFile(file, { fs });
    if (read.kind === 'failed') {
      return { kind: 'failed', message: `Couldn't open ${quoteText(name)}: ${read.detail}.` };
    }
    await remember(file);
    return {
      kind: 'opened',
      document: { ref: refs.issue(file, read.stamp), name, text: read.text },
    };
  }

  async function openExternally(file: string, requireExtension: boolean): Promise<void> {
    const target = windows.currentOrNew();
    if (requireExtension && !hasGraphExtension(file)) {
      windows.deliverExternal(target, {
        kind: 'failed',
        message: `${quoteText(path.basename(file))} is not a .graph document.`,
      });
      return;
    }
    windows.deliverExternal(target, await readForOpen(file));
  }

  async function showSaveError(parent: DocumentWindow | undefined, detail: string) {
    await dialogs.ask(parent, {
      type: 'error',
      message: 'The document could not be saved.',
      detail,
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
    });
  }

  async function failed(parent: DocumentWindow | undefined, message: string): Promise<SaveResult> {
    // The renderer keeps the document dirty on a failed result; the dialog says why.
    await showSaveError(parent, message);
    return { kind: 'failed', message };
  }

  /** Writes `text` to `file`, asking before overwriting what should not be overwritten silently. */
  async function saveTo(
    parent: DocumentWindow | undefined,
    file: string,
    text: string,
    suggestion: string,
    ref: DocumentRef | null,
    expected: FileStamp | undefined,
  ): Promise<SaveResult> {
    const name = path.basename(file);
    const tooLarge = documentTextSizeProblem(text);
    if (tooLarge !== null) return failed(parent, `Couldn't save ${quoteText(name)}: ${tooLarge}.`);
    const saveOptions: { -readonly [K in keyof SaveFileOptions]: SaveFileOptions[K] } = { fs };
    if (expected !== undefined) saveOptions.expected = expected;
    for (;;) {
      const result = await saveFile(file, text, saveOptions);
      switch (result.kind) {
        case 'saved': {
          const savedRef = ref ?? refs.issue(file, result.stamp);
          if (ref !== null) refs.update(ref, result.stamp);
          await remember(file);
          return { kind: 'saved', ref: savedRef, name };
        }
        case 'failed': {
          const kept =
            result.staged === undefined
              ? ''
              : ` The new version is kept in ${quoteText(path.basename(result.staged))} next to it.`;
          return failed(parent, `Couldn't save ${quoteText(name)}: ${result.detail}.${kept}`);
        }
        case 'read-only':
        case 'changed-on-disk': {
          const answer = await dialogs.ask(parent, overwriteQuestion(name, result));
          if (answer === SAVE_AS) return saveAs(parent, text, suggestion);
          if (answer !== OVERWRITE) return { kind: 'cancelled' };
          if (result.kind === 'read-only') saveOptions.overwriteReadOnly = true;
          else saveOptions.overwriteChanged = true;
        }
      }
    }
  }

  async function saveAs(
    parent: DocumentWindow | undefined,
    text: string,
    suggestion: string,
  ): Promise<SaveResult> {
    const recent = recentFiles.list()[0];
    const folder = recent === undefined ? options.documentsFolder() : path.dirname(recent);
    const chosen = await dialogs.chooseSaveLocation(
      parent,
      path.join(folder, suggestedFileName(suggestion, platform)),
    );
    if (chosen === null || chosen === '') return { kind: 'cancelled' };
    const file = withGraphExtension(chosen);
    if (file !== chosen && (await fs.lstat(file)) !== null) {
      // The dialog asked about `chosen`, not about the name with the extension added.
      const answer = await dialogs.ask(parent, {
        type: 'warning',
        message: `${quoteText(path.basename(file))} already exists. Do you want to replace it?`,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      });
      if (answer !== 0) return { kind: 'cancelled' };
    }
    return saveTo(parent, file, text, suggestion, null, undefined);
  }

  const invoke: Omit<InvokeHandlers, RecoveryChannel> = {
    async 'document:open'(caller) {
      const file = await dialogs.chooseFileToOpen(windows.get(caller.webContentsId));
      if (file === null) return { kind: 'cancelled' };
      return readForOpen(file);
    },
    async 'document:save'(caller, ref, text, suggestion) {
      const parent = windows.get(caller.webContentsId);
      const entry = ref === null ? undefined : refs.resolve(ref);
      // No ref (an untitled document) or a ref main never issued: ask where, never guess.
      if (entry === undefined || ref === null) return saveAs(parent, text, suggestion);
      return saveTo(parent, entry.path, text, suggestion, ref, entry.stamp);
    },
    'document:save-as': (caller, text, suggestion) =>
      saveAs(windows.get(caller.webContentsId), text, suggestion),
    async 'document:confirm-unsaved'(caller, name): Promise<UnsavedChoice> {
      const response = await dialogs.ask(windows.get(caller.webContentsId), {
        type: 'warning',
        message: `Do you want to save the changes you made to ${quoteText(name)}?`,
        detail: "Your changes will be lost if you don't save them.",
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
      });
      return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
    },
  };

  return { invoke, readForOpen, openExternally };
}

/** The Overwrite / Save As… / Cancel question for a save that needs the person's word. */
export function overwriteQuestion(
  name: string,
  reason: { kind: 'read-only'; where: 'file' | 'folder' } | { kind: 'changed-on-disk' },
): Question {
  const quoted = quoteText(name);
  const [message, detail] =
    reason.kind === 'changed-on-disk'
      ? [
          `${quoted} has changed on disk since you opened it.`,
          'Another program changed the file. Overwrite replaces its changes with yours; Save As keeps both.',
        ]
      : reason.where === 'file'
        ? [
            `${quoted} is read-only.`,
            'Overwrite replaces it anyway (it stays read-only); Save As saves a copy elsewhere.',
          ]
        : [
            `${quoted} is in a read-only folder.`,
            'Overwrite tries to save there anyway; Save As saves a copy elsewhere.',
          ];
  // Save As is the default: it is the answer that can lose nothing.
  return {
    type: 'warning',
    message,
    detail,
    buttons: OVERWRITE_BUTTONS,
    defaultId: SAVE_AS,
    cancelId: 2,
  };
}
