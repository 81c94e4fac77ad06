import {
  decodeDocumentBytes,
  documentSizeProblem,
  MAX_DOCUMENT_BYTES,
  quoteText,
} from '@chainrule/graph-runtime';
import { formatWindowTitle } from '../../shared/windowTitle';
import type {
  DocumentHost,
  DocumentRef,
  MenuCommand,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from './DocumentHost';
import type { RecoveryStore } from './recovery';
import { createIndexedDbRecovery, createMemoryRecovery } from './recovery';
import { tooLargeToSave } from './saveLimit';
import { askUnsavedChanges } from './unsavedDialog';

/** The subset of a File System Access file handle the host uses. */
export interface FileHandleLike {
  readonly name: string;
  getFile(): Promise<Blob & { readonly name: string }>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

/** Picker options for `.graph` files. */
const PICKER_TYPES = [
  { description: 'Chainrule graph', accept: { 'application/json': ['.graph'] } },
] as const;

/** Everything the browser host needs from the page; injected so it is testable in Node. */
export interface BrowserHostEnv {
  /** `window.showOpenFilePicker`, where the browser has it. */
  readonly showOpenFilePicker?: (options: {
    types: typeof PICKER_TYPES;
    multiple: false;
  }) => Promise<FileHandleLike[]>;
  /** `window.showSaveFilePicker`, where the browser has it. */
  readonly showSaveFilePicker?: (options: {
    types: typeof PICKER_TYPES;
    suggestedName: string;
  }) => Promise<FileHandleLike>;
  /** Lets the person choose a file with an `<input type="file">`; `null` if they cancel. */
  pickFileWithInput(): Promise<(Blob & { readonly name: string }) | null>;
  /** Saves text through a download (the fallback without the File System Access API). */
  download(name: string, text: string): void;
  confirmUnsaved(name: string): Promise<UnsavedChoice>;
  setDocumentTitle(title: string): void;
  /** Where unsaved work is autosaved (IndexedDB); one for the page's lifetime when absent. */
  readonly recovery?: RecoveryStore;
  /** Adds a window listener and returns its removal. */
  listen(type: 'beforeunload' | 'dragover' | 'drop', listener: (event: Event) => void): () => void;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a picked or dropped file as the desktop app and the CLI do: the one size limit in bytes
 * (checked before reading), and only UTF-8 (a Latin-1 file is refused, not turned into U+FFFD).
 */
async function readPicked(
  file: Blob & { readonly name: string },
  ref: DocumentRef | null,
): Promise<OpenResult> {
  const refuse = (why: string): OpenResult => ({
    kind: 'failed',
    message: `Couldn't open ${quoteText(file.name)}: ${why}.`,
  });
  const tooLarge = documentSizeProblem(file.size, MAX_DOCUMENT_BYTES);
  if (tooLarge !== null) return refuse(tooLarge);
  try {
    const decoded = decodeDocumentBytes(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return refuse(decoded.message);
    return { kind: 'opened', document: { ref, name: file.name, text: decoded.text } };
  } catch (error) {
    return refuse(message(error));
  }
}

/**
 * The {@link DocumentHost} in a plain browser. Open uses `showOpenFilePicker` where it exists
 * (so the file can later be saved in place) and an `<input type="file">` elsewhere; Save writes
 * through the File System Access API and falls back to a download; Save / Don't Save / Cancel
 * is an in-page modal; a `.graph` file dropped on the page opens as an external document.
 *
 * Refs name file handles the host keeps; the page never sees a path (browsers never give one).
 *
 * @example const host = createBrowserHost();
 */
export function createBrowserHost(env: BrowserHostEnv = defaultBrowserEnv()): DocumentHost {
  const handles = new Map<DocumentRef, FileHandleLike>();
  let nextRef = 1;
  let dirty = false;
  const externalListeners = new Set<(result: OpenResult) => void>();
  let drops: Promise<void> = Promise.resolve();

  const refFor = (handle: FileHandleLike): DocumentRef => {
    const ref = `browser-${nextRef++}` as DocumentRef;
    handles.set(ref, handle);
    return ref;
  };

  async function writeTo(
    handle: FileHandleLike,
    ref: DocumentRef,
    text: string,
  ): Promise<SaveResult> {
    try {
      const writable = await handle.createWritable();
      await writable.write(text);
      // The browser swaps the new content in only on close: an interrupted save leaves the old file.
      await writable.close();
      return { kind: 'saved', ref, name: handle.name };
    } catch (error) {
      if (isAbort(error)) return { kind: 'cancelled' };
      return { kind: 'failed', message: `Couldn't save “${handle.name}”: ${message(error)}` };
    }
  }

  async function saveAs(text: string, suggestedName: string): Promise<SaveResult> {
    const tooLarge = tooLargeToSave(text, suggestedName);
    if (tooLarge !== null) return tooLarge;
    if (env.showSaveFilePicker === undefined) {
      env.download(suggestedName, text);
      // A download cannot be saved over later, so the document keeps no ref.
      return { kind: 'saved', ref: null, name: suggestedName };
    }
    let handle: FileHandleLike;
    try {
      handle = await env.showSaveFilePicker({ types: PICKER_TYPES, suggestedName });
    } catch (error) {
      if (isAbort(error)) return { kind: 'cancelled' };
      return { kind: 'failed', message: `Couldn't save “${suggestedName}”: ${message(error)}` };
    }
    return writeTo(handle, refFor(handle), text);
  }

  env.listen('beforeunload', (event) => {
    // Browsers show their own generic prompt; a page cannot offer Save here.
    if (dirty) event.preventDefault();
  });

  const carriesFiles = (event: Event) => {
    const transfer = (event as DragEvent).dataTransfer;
    return (
      transfer !== null && transfer !== undefined && Array.from(transfer.types).includes('Files')
    );
  };
  env.listen('dragover', (event) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
  });
  env.listen('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = (event as DragEvent).dataTransfer?.files[0];
    if (file === undefined) return;
    // Chained so two quick drops are delivered in the order they were dropped.
    drops = drops.then(async () => {
      const result: OpenResult = file.name.toLowerCase().endsWith('.graph')
        ? await readPicked(file, null)
        : { kind: 'failed', message: `${quoteText(file.name)} is not a .graph document.` };
      for (const listener of [...externalListeners]) listener(result);
    });
  });

  return {
    kind: 'browser',
    recovery: env.recovery ?? createMemoryRecovery(),
    async open(): Promise<OpenResult> {
      if (env.showOpenFilePicker !== undefined) {
        let picked: FileHandleLike[];
        try {
          picked = await env.showOpenFilePicker({ types: PICKER_TYPES, multiple: false });
        } catch (error) {
          if (isAbort(error)) return { kind: 'cancelled' };
          return { kind: 'failed', message: message(error) };
        }
        const handle = picked[0];
        if (handle === undefined) return { kind: 'cancelled' };
        try {
          return await readPicked(await handle.getFile(), refFor(handle));
        } catch (error) {
          return { kind: 'failed', message: `Couldn't open “${handle.name}”: ${message(error)}` };
        }
      }
      const file = await env.pickFileWithInput();
      return file === null ? { kind: 'cancelled' } : readPicked(file, null);
    },
    async save(ref, text, suggestedName): Promise<SaveResult> {
      const handle = ref === null ? undefined : handles.get(ref);
      if (handle === undefined || ref === null) return saveAs(text, suggestedName);
      return tooLargeToSave(text, handle.name) ?? writeTo(handle, ref, text);
    },
    saveAs,
    setTitle(name, isDirty) {
      dirty = isDirty;
      env.setDocumentTitle(formatWindowTitle(name, isDirty, 'browser'));
    },
    confirmUnsaved: (name) => env.confirmUnsaved(name),
    onCommand(_listener: (command: MenuCommand) => void) {
      // A browser tab has no application menu; the canvas handles keyboard shortcuts itself.
      return () => undefined;
    },
    onExternalOpen(listener) {
      externalListeners.add(listener);
      return () => externalListeners.delete(listener);
    },
    onCloseRequest(_listener: () => Promise<boolean>) {
      // A tab cannot wait for an async answer while closing; `beforeunload` (above) guards it.
      return () => undefined;
    },
  };
}

/** The real page: File System Access API where present, an input and downloads otherwise. */
export function defaultBrowserEnv(): BrowserHostEnv {
  const picker = window as unknown as Pick<
    BrowserHostEnv,
    'showOpenFilePicker' | 'showSaveFilePicker'
  >;
  return {
    ...(typeof picker.showOpenFilePicker === 'function'
      ? { showOpenFilePicker: picker.showOpenFilePicker.bind(window) }
      : {}),
    ...(typeof picker.showSaveFilePicker === 'function'
      ? { showSaveFilePicker: picker.showSaveFilePicker.bind(window) }
      : {}),
    pickFileWithInput: () =>
      new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = '.graph,application/json';
        input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
        input.addEventListener('cancel', () => resolve(null), { once: true });
        input.click();
      }),
    download(name, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      // Revoke later: revoking synchronously can cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    confirmUnsaved: (name) => askUnsavedChanges(document, name),
    ...(typeof indexedDB === 'undefined' ? {} : { recovery: createIndexedDbRecovery() }),
    setDocumentTitle(title) {
      document.title = title;
    },
    listen(type, listener) {
      window.addEventListener(type, listener);
      return () => window.removeEventListener(type, listener);
    },
  };
}
