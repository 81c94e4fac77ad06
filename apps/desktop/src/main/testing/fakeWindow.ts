import { createCloseCoordinator, createReplyTracker } from '../closeCoordinator';
import {
  createWindowManager,
  type BrowserWindowLike,
  type PreventableEvent,
  type WebContentsLike,
} from '../windows';

let nextContentsId = 1;

/** A scripted `webContents`: records what main sends and which native edits it performed. */
export class FakeContents implements WebContentsLike {
  readonly id = nextContentsId++;
  readonly sent: unknown[][] = [];
  readonly edits: string[] = [];
  destroyed = false;
  private readonly goneListeners: (() => void)[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return false;
  }
  on(_event: 'render-process-gone', listener: () => void): void {
    this.goneListeners.push(listener);
  }
  crash(): void {
    for (const listener of this.goneListeners) listener();
  }
  undo = () => void this.edits.push('undo');
  redo = () => void this.edits.push('redo');
  cut = () => void this.edits.push('cut');
  copy = () => void this.edits.push('copy');
  paste = () => void this.edits.push('paste');
  delete = () => void this.edits.push('delete');
  selectAll = () => void this.edits.push('select-all');
}

/** A scripted `BrowserWindow`: `close()` runs the close handlers as Electron does. */
export class FakeWindow implements BrowserWindowLike {
  readonly webContents = new FakeContents();
  title = '';
  edited = false;
  url = '';
  closed = false;
  minimized = false;
  focused = 0;
  private readonly handlers = new Map<string, ((event: PreventableEvent) => void)[]>();
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.edited = edited;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return false;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
  show(): void {}
  maximize(): void {}
  getNormalBounds() {
    return { x: 1, y: 2, width: 800, height: 600 };
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  once(event: 'ready-to-show', listener: () => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  on(event: string, listener: (event: PreventableEvent) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  /** Fires `event` and says whether a handler prevented it. */
  emit(event: string): boolean {
    let prevented = false;
    const payload: PreventableEvent = {
      preventDefault: () => (prevented = true),
      get defaultPrevented() {
        return prevented;
      },
    };
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
    return prevented;
  }
  close(): void {
    if (this.closed) return;
    if (this.emit('close')) return;
    this.closed = true;
    this.emit('closed');
  }
}

/**
 * A real window manager over fake windows, as the services' tests need it: `fakes` lists every
 * window it made, in order; `focus` sets what `BrowserWindow.getFocusedWindow` would answer.
 */
export function fakeWindowManager(platform: NodeJS.Platform = 'linux') {
  const fakes: FakeWindow[] = [];
  const saved: string[] = [];
  let focused: FakeWindow | null = null;
  const windows = createWindowManager({
    platform,
    entryUrl: 'app://chainrule/index.html',
    closing: createCloseCoordinator(),
    closeReplies: createReplyTracker<boolean>(),
    displays: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    focusedWindow: () => focused,
    windowState: { load: () => null, save: (text) => void saved.push(text) },
    createBrowserWindow: () => {
      const window = new FakeWindow();
      fakes.push(window);
      return window;
    },
  });
  return { windows, fakes, saved, focus: (window: FakeWindow | null) => (focused = window) };
}
