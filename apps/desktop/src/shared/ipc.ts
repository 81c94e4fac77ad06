/**
 * The typed IPC contract between main and the preload bridge. Both sides import these names and
 * types; main validates every incoming message with the hand-written guards below because a
 * renderer is untrusted even when it is our own code (it renders untrusted `.graph` files).
 *
 * The renderer never sees or sends a file path: documents are named by opaque {@link DocumentRef}s
 * that main hands out. The one exception is drag-and-drop, where the *preload* (not the page)
 * turns a dropped `File` into a path with `webUtils.getPathForFile`, and main re-validates it.
 */
import type {
  DocumentRef,
  MenuCommand,
  OpenResult,
  RecoverySnapshot,
  SaveResult,
  UnsavedChoice,
} from './documentContract';
import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';

/**
 * Largest document text accepted across IPC: the format's one limit, {@link MAX_DOCUMENT_BYTES}
 * (UTF-8 bytes). A string's length in UTF-16 units never exceeds its UTF-8 size, so this cap
 * refuses nothing the limit allows; the exact byte count is checked before any write.
 */
export { MAX_DOCUMENT_BYTES };
/**
 * Longest document name accepted across IPC. File names are at most 255 bytes (or UTF-16 units)
 * on every desktop OS; the margin is for names that are not file names (an example's title).
 */
export const MAX_NAME_LENGTH = 1024;
/** Longest path accepted from the preload's drag-and-drop bridge. */
export const MAX_PATH_LENGTH = 4096;

/** Channels the renderer invokes and awaits (ipcRenderer.invoke ↔ ipcMain.handle). */
export const InvokeChannel = {
  open: 'document:open',
  save: 'document:save',
  saveAs: 'document:save-as',
  confirmUnsaved: 'document:confirm-unsaved',
  readRecovery: 'recovery:read',
  writeRecovery: 'recovery:write',
  clearRecovery: 'recovery:clear',
} as const;

/** Fire-and-forget channels from the renderer (ipcRenderer.send ↔ ipcMain.on). */
export const SendChannel = {
  setTitle: 'window:set-title',
  setDirty: 'window:set-dirty',
  closeResponse: 'window:close-response',
  rendererReady: 'window:renderer-ready',
  openDropped: 'document:open-dropped',
  nativeEdit: 'edit:native',
} as const;

/** Channels main pushes to the renderer (webContents.send ↔ ipcRenderer.on). */
export const EventChannel = {
  command: 'menu:command',
  externalOpen: 'document:external-open',
  closeRequest: 'window:close-request',
} as const;

/** Arguments and results of each invoke channel. */
export interface InvokeContract {
  'document:open': { args: []; result: OpenResult };
  'document:save': {
    args: [ref: DocumentRef | null, text: string, suggestedName: string];
    result: SaveResult;
  };
  'document:save-as': { args: [text: string, suggestedName: string]; result: SaveResult };
  'document:confirm-unsaved': { args: [name: string]; result: UnsavedChoice };
  /** The window's unsaved work from before a crash or reload, if any. */
  'recovery:read': { args: []; result: RecoverySnapshot | null };
  /** Autosaves the window's document (atomically, in the user-data folder). */
  'recovery:write': { args: [snapshot: RecoverySnapshot]; result: void };
  /** Forgets the window's autosave (the document was saved or discarded). */
  'recovery:clear': { args: []; result: void };
}

/** Edit commands that, when a text field has focus, main performs natively on the webContents. */
export type NativeEditCommand =
  'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'delete' | 'select-all';

/** Arguments of each send channel. */
export interface SendContract {
  'window:set-title': [name: string];
  /** Separate from the title: the dirty state never depends on whether a name can be shown. */
  'window:set-dirty': [dirty: boolean];
  'window:close-response': [requestId: number, allow: boolean];
  'window:renderer-ready': [];
  'document:open-dropped': [path: string];
  'edit:native': [command: NativeEditCommand];
}

/** Payloads of each event channel. */
export interface EventContract {
  'menu:command': [command: MenuCommand];
  'document:external-open': [result: OpenResult];
  'window:close-request': [requestId: number];
}

/** Any invoke channel name. */
export type InvokeChannelName = keyof InvokeContract;
/** Any send channel name. */
export type SendChannelName = keyof SendContract;

/**
 * What the preload exposes on `window.chainrule`: named functions only, never `ipcRenderer`.
 * The renderer's Electron host is written against this interface.
 */
export interface ChainruleBridge {
  readonly platform: string;
  open(): Promise<OpenResult>;
  save(ref: DocumentRef | null, text: string, suggestedName: string): Promise<SaveResult>;
  saveAs(text: string, suggestedName: string): Promise<SaveResult>;
  confirmUnsaved(name: string): Promise<UnsavedChoice>;
  setTitle(name: string, dirty: boolean): void;
  /** Asks main to open a file the user dropped onto the window; the answer arrives as an external open. */
  openDroppedFile(file: File): void;
  /** Asks main to perform a text-editing command natively (a text field has focus). */
  nativeEdit(command: NativeEditCommand): void;
  onCommand(listener: (command: MenuCommand) => void): () => void;
  onExternalOpen(listener: (result: OpenResult) => void): () => void;
  onCloseRequest(listener: (requestId: number) => void): () => void;
  answerCloseRequest(requestId: number, allow: boolean): void;
  /** Tells main the renderer is listening, so it may flush documents queued at startup. */
  rendererReady(): void;
  /** The window's autosaved work from before a crash or reload, or `null`. */
  readRecovery(): Promise<RecoverySnapshot | null>;
  writeRecovery(snapshot: RecoverySnapshot): Promise<void>;
  clearRecovery(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Guards. Hand-written so that what they accept is exactly what is written here.

const DOCUMENT_REF_PATTERN = /^doc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a string shaped like a ref main hands out (`doc-<uuid>`). */
export function isDocumentRef(value: unknown): value is DocumentRef {
  return typeof value === 'string' && DOCUMENT_REF_PATTERN.test(value);
}

/** True for document text within {@link MAX_DOCUMENT_BYTES}. */
export function isDocumentText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_DOCUMENT_BYTES;
}

/**
 * True for a document name: any non-empty string within {@link MAX_NAME_LENGTH}. Control
 * characters, right-to-left marks and emoji are all allowed, because the OS allows them in file
 * names; refusing one here once meant main never heard that a document was dirty. Main escapes
 * names where it shows them ({@link displayName}), never by refusing them.
 */
export function isDocumentName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

/** True for a non-empty path string within {@link MAX_PATH_LENGTH} and without NUL bytes. */
export function isPathString(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_PATH_LENGTH &&
    !value.includes('\u0000')
  );
}

const NATIVE_EDIT_COMMANDS: ReadonlySet<string> = new Set<NativeEditCommand>([
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'select-all',
]);

/** True for one of the {@link NativeEditCommand}s. */
export function isNativeEditCommand(value: unknown): value is NativeEditCommand {
  return typeof value === 'string' && NATIVE_EDIT_COMMANDS.has(value);
}

/**
 * True for an autosave snapshot: exactly `name`, `text` and a plausible `savedAt`, each within
 * the document limits. Also used by main on what it reads back from disk.
 */
export function isRecoverySnapshot(value: unknown): value is RecoverySnapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return (
    keys.length === 3 &&
    keys[0] === 'name' &&
    keys[1] === 'savedAt' &&
    keys[2] === 'text' &&
    isDocumentName(record['name']) &&
    isDocumentText(record['text']) &&
    typeof record['savedAt'] === 'number' &&
    Number.isFinite(record['savedAt']) &&
    record['savedAt'] >= 0
  );
}

/** Argument guards for every invoke channel: main rejects a call whose arguments fail. */
export const invokeArgGuards: {
  readonly [C in InvokeChannelName]: (
    args: readonly unknown[],
  ) => args is InvokeContract[C]['args'];
} = {
  'document:open': (args): args is [] => args.length === 0,
  'document:save': (args): args is [DocumentRef | null, string, string] =>
    args.length === 3 &&
    (args[0] === null || isDocumentRef(args[0])) &&
    isDocumentText(args[1]) &&
    isDocumentName(args[2]),
  'document:save-as': (args): args is [string, string] =>
    args.length === 2 && isDocumentText(args[0]) && isDocumentName(args[1]),
  'document:confirm-unsaved': (args): args is [string] =>
    args.length === 1 && isDocumentName(args[0]),
  'recovery:read': (args): args is [] => args.length === 0,
  'recovery:write': (args): args is [RecoverySnapshot] =>
    args.length === 1 && isRecoverySnapshot(args[0]),
  'recovery:clear': (args): args is [] => args.length === 0,
};

/** Argument guards for every send channel: main ignores a message whose arguments fail. */
export const sendArgGuards: {
  readonly [C in SendChannelName]: (args: readonly unknown[]) => args is SendContract[C];
} = {
  'window:set-title': (args): args is [string] => args.length === 1 && isDocumentName(args[0]),
  'window:set-dirty': (args): args is [boolean] =>
    args.length === 1 && typeof args[0] === 'boolean',
  'window:close-response': (args): args is [number, boolean] =>
    args.length === 2 &&
    typeof args[0] === 'number' &&
    Number.isSafeInteger(args[0]) &&
    args[0] > 0 &&
    typeof args[1] === 'boolean',
  'window:renderer-ready': (args): args is [] => args.length === 0,
  'document:open-dropped': (args): args is [string] => args.length === 1 && isPathString(args[0]),
  'edit:native': (args): args is [NativeEditCommand] =>
    args.length === 1 && isNativeEditCommand(args[0]),
};
