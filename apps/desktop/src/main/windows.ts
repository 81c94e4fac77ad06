import type { OpenResult } from '../shared/documentContract';
import { EventChannel, type EventContract, type NativeEditCommand } from '../shared/ipc';
import { formatWindowTitle } from '../shared/windowTitle';
import type { CloseCoordinator, ClosableWindow, ReplyTracker } from './closeCoordinator';
import {
  restoreWindowState,
  serializeWindowState,
  type Rect,
  type WindowState,
} from './windowState';

/** A minimal event with `preventDefault`, as Electron's window events have. */
export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

/** The parts of a `webContents` the window manager uses. */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  isCrashed(): boolean;
  on(event: 'render-process-gone', listener: () => void): void;
  undo(): void;
  redo(): void;
  cut(): void;
  copy(): void;
  paste(): void;
  delete(): void;
  selectAll(): void;
}

/** The parts of a `BrowserWindow` the window manager uses; a fake in tests. */
export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  setTitle(title: string): void;
  setDocumentEdited(edited: boolean): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  restore(): void;
  focus(): void;
  show(): void;
  maximize(): void;
  close(): void;
  getNormalBounds(): { x: number; y: number; width: number; height: number };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'page-title-updated' | 'close', listener: (event: PreventableEvent) => void): void;
  on(event: 'closed', listener: () => void): void;
}

/** One document window and what its renderer has told main. */
export interface DocumentWindow {
  readonly window: BrowserWindowLike;
  readonly handle: ClosableWindow;
  /** The document's dirty state, as the renderer last reported it. */
  dirty: boolean;
  /** The document's name, exactly as the renderer sent it (shown escaped). */
  name: string;
  rendererReady: boolean;
  /** External opens that arrived before the renderer subscribed. */
  readonly pending: OpenResult[];
}

/** What the window manager needs from Electron and the disk. */
export interface WindowManagerOptions {
  readonly platform: NodeJS.Platform;
  /** Makes a window (with the secure webPreferences) at the restored position. */
  readonly createBrowserWindow: (state: WindowState) => BrowserWindowLike;
  /** The focused window, if it is one of ours (`BrowserWindow.getFocusedWindow`). */
  readonly focusedWindow: () => BrowserWindowLike | null;
  readonly displays: () => readonly Rect[];
  /** The page every window loads. */
  readonly entryUrl: string;
  readonly windowState: { load(): string | null; save(text: string): void };
  readonly closing: CloseCoordinator;
  readonly closeReplies: ReplyTracker<boolean>;
}

/** Creates, finds and updates document windows; the only holder of per-window state. */
export interface WindowManager {
  create(): DocumentWindow;
  get(webContentsId: number): DocumentWindow | undefined;
  /** The focused document window, else the first one, else `undefined`. */
  current(): DocumentWindow | undefined;
  /** {@link current}, or a new window when there is none. */
  currentOrNew(): DocumentWindow;
  all(): DocumentWindow[];
  send<C extends keyof EventContract>(
    target: DocumentWindow,
    channel: C,
    ...args: EventContract[C]
  ): void;
  /** Hands an opened (or failed) document to a window, queueing it until its page listens. */
  deliverExternal(target: DocumentWindow, result: OpenResult): void;
  /** Brings a window to the front. */
  reveal(target: DocumentWindow): void;
  /** The window-only IPC: title, dirty, close answers, readiness, native edits. */
  readonly ipc: {
    setTitle(webContentsId: number, name: string): void;
    setDirty(webContentsId: number, dirty: boolean): void;
    closeResponse(requestId: number, allow: boolean): void;
    rendererReady(webContentsId: number): void;
    nativeEdit(webContentsId: number, command: NativeEditCommand): void;
  };
}

/**
 * Creates the window manager: makes windows at their remembered place, routes their close
 * through the close coordinator (a dirty document is never closed without asking), and keeps
 * title and dirty state as the renderer reports them, separately, so a name that cannot be
 * shown as-is never costs main the knowledge that a document is unsaved.
 * @example
 * const windows = createWindowManager({ platform: process.platform, createBrowserWindow, ... });
 * windows.create();
 */
export function createWindowManager(options: WindowManagerOptions): WindowManager {
  const { platform, closing, closeReplies } = options;
  const windows = new Map<number, DocumentWindow>();

  const showTitle = (entry: DocumentWindow) => {
    entry.window.setTitle(formatWindowTitle(entry.name, entry.dirty, platform));
    if (platform === 'darwin') entry.window.setDocumentEdited(entry.dirty);
  };

  const send: WindowManager['send'] = (target, channel, ...args) =>
    target.window.webContents.send(channel, ...args);

  function create(): DocumentWindow {
    const state = restoreWindowState(options.windowState.load(), options.displays());
    const window = options.createBrowserWindow(state);
    if (state.maximized) window.maximize();
    const contents = window.webContents;
    const contentsId = contents.id;

    const handle: ClosableWindow = {
      id: contentsId,
      isDirty: () => entry.dirty,
      requestClose: () =>
        contents.isDestroyed() || contents.isCrashed()
          ? Promise.resolve(true)
          : closeReplies.request((requestId) =>
              contents.send(EventChannel.closeRequest, requestId),
            ),
      close: () => window.close(),
    };
    const entry: DocumentWindow = {
      window,
      handle,
      dirty: false,
      name: 'Untitled.graph',
      rendererReady: false,
      pending: [],
    };
    windows.set(contentsId, entry);

    window.once('ready-to-show', () => window.show());
    // The title is main's (file name + dirty marker), not the page's <title>.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.on('close', (event) => {
      closing.onWindowClose(handle, () => event.preventDefault());
      if (event.defaultPrevented) return;
      try {
        options.windowState.save(
          serializeWindowState(window.getNormalBounds(), window.isMaximized()),
        );
      } catch (error) {
        console.warn('Could not remember the window position:', error);
      }
    });
    window.on('closed', () => {
      closing.onWindowClosed(handle);
      windows.delete(contentsId);
    });
    contents.on('render-process-gone', () => {
      // Nobody is left to answer; a crashed renderer must not block closing or quitting.
      entry.dirty = false;
      closeReplies.settleAll(true);
    });

    void window.loadURL(options.entryUrl);
    return entry;
  }

  function current(): DocumentWindow | undefined {
    const focused = options.focusedWindow();
    if (focused !== null) {
      const entry = windows.get(focused.webContents.id);
      if (entry !== undefined) return entry;
    }
    return windows.values().next().value;
  }

  function reveal(target: DocumentWindow): void {
    if (target.window.isMinimized()) target.window.restore();
    target.window.focus();
  }

  return {
    create,
    get: (id) => windows.get(id),
    current,
    currentOrNew: () => current() ?? create(),
    all: () => [...windows.values()],
    send,
    deliverExternal(target, result) {
      if (target.rendererReady) send(target, EventChannel.externalOpen, result);
      else target.pending.push(result);
      reveal(target);
    },
    reveal,
    ipc: {
      setTitle(id, name) {
        const target = windows.get(id);
        if (target === undefined) return;
        target.name = name;
        showTitle(target);
      },
      setDirty(id, dirty) {
        const target = windows.get(id);
        if (target === undefined) return;
        target.dirty = dirty;
        showTitle(target);
      },
      closeResponse(requestId, allow) {
        closeReplies.reply(requestId, allow);
      },
      rendererReady(id) {
        const target = windows.get(id);
        if (target === undefined || target.rendererReady) return;
        target.rendererReady = true;
        for (const result of target.pending.splice(0)) {
          send(target, EventChannel.externalOpen, result);
        }
      },
      nativeEdit(id, command) {
        const contents = windows.get(id)?.window.webContents;
        if (contents === undefined) return;
        const perform: Record<NativeEditCommand, () => void> = {
          undo: () => contents.undo(),
          redo: () => contents.redo(),
          cut: () => contents.cut(),
          copy: () => contents.copy(),
          paste: () => contents.paste(),
          delete: () => contents.delete(),
          'select-all': () => contents.selectAll(),
        };
        perform[command]();
      },
    },
  };
}
