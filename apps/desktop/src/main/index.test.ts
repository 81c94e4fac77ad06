import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRODUCTION_CSP } from '../shared/csp';
import type { IpcEventLike } from './ipcRouter';

/**
 * The main process's wiring, run against a scripted stand-in for Electron's API (the real
 * `electron` package is never loaded: it has no binary here). It checks what the services'
 * unit tests cannot: that index.ts actually connects them with the secure settings.
 */

type Listener = (...args: unknown[]) => unknown;

const fake = await vi.hoisted(async () => {
  // Hoisted above the imports, so it loads what it needs itself.
  const { EventEmitter } = await import('node:events');
  const state = {
    userData: '',
    documents: '',
    ready: undefined as undefined | (() => void),
    windows: [] as FakeWindow[],
    handles: new Map<string, Listener>(),
    listeners: new Map<string, Listener>(),
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
    privileged: [] as unknown[],
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    menus: [] as unknown[],
    saveDialogPath: '',
    messageBoxResponse: 2,
    appEvents: new Map<string, Listener>(),
  };
  let nextId = 1;
  class FakeContents extends EventEmitter {
    readonly id = nextId++;
    readonly sent: unknown[][] = [];
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
    isCrashed() {
      return false;
    }
  }
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    title = '';
    url = '';
    closed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    setTitle(title: string) {
      this.title = title;
    }
    setDocumentEdited() {}
    show() {}
    focus() {}
    restore() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 };
    }
    close() {
      let prevented = false;
      const event = {
        preventDefault: () => (prevented = true),
        get defaultPrevented() {
          return prevented;
        },
      };
      this.emit('close', event);
      if (!prevented) {
        this.closed = true;
        this.emit('closed');
      }
    }
    static getFocusedWindow() {
      return state.windows.find((w) => !w.closed) ?? null;
    }
    static getAllWindows() {
      return state.windows.filter((w) => !w.closed);
    }
  }
  return { state, FakeWindow, FakeContents };
});

vi.mock('electron', () => {
  const { state, FakeWindow } = fake;
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => state.appEvents.set(event, listener),
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
      isReady: () => state.ready === undefined,
      getPath: (name: string) => (name === 'userData' ? state.userData : state.documents),
      setPath: () => undefined,
      quit: vi.fn(),
      clearRecentDocuments: () => undefined,
      addRecentDocument: () => undefined,
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: false, filePath: state.saveDialogPath }),
      showMessageBox: async () => ({ response: state.messageBoxResponse }),
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.handles.set(channel, listener),
      on: (channel: string, listener: Listener) => state.listeners.set(channel, listener),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => state.menus.push(menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
        (state.protocolHandler = handler),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
        setDevicePermissionHandler: () => undefined,
      },
    },
  };
});

const { state } = fake;
let dir = '';
let startupFile = '';
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function eventFrom(
  window: InstanceType<typeof fake.FakeWindow>,
  url = 'app://chainrule/index.html',
) {
  return {
    sender: { id: window.webContents.id },
    senderFrame: { url, parent: null },
  } satisfies IpcEventLike;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chainrule-main-'));
  state.userData = path.join(dir, 'profile');
  state.documents = dir;
  startupFile = path.join(dir, 'from-argv.graph');
  await writeFile(
    startupFile,
    await readFile(path.resolve(import.meta.dirname, '../../../../examples/seed.graph')),
  );
  process.argv.push(startupFile);
  await import('./index');
  state.ready?.();
  state.ready = undefined;
  await settle();
});

afterAll(async () => {
  process.argv.pop();
  await rm(dir, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers app:// as a secure standard scheme and opens one hardened window on it', () => {
    expect(state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window?.url).toBe('app://chainrule/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(state.menus).not.toHaveLength(0);
    // The page's <title> must not overwrite main's title with its dirty marker.
    let titlePrevented = false;
    window?.emit(
      'page-title-updated',
      { preventDefault: () => (titlePrevented = true) },
      'Chainrule',
    );
    expect(titlePrevented).toBe(true);
  });

  it('serves the renderer with the production CSP and refuses traversal', async () => {
    const handler = state.protocolHandler;
    if (handler === undefined) throw new Error('app:// not handled');
    const page = await handler(new Request('app://chainrule/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(await page.text()).toContain('<div id="root">');
    const sneaky = await handler(new Request('app://chainrule/..%2f..%2fpackage.json'));
    expect(sneaky.status).toBe(403);
  });

  it('denies permissions, navigation and new windows', () => {
    let granted: boolean | undefined;
    state.permissionRequest?.(
      { getURL: () => 'app://chainrule/index.html' },
      'media',
      (answer: boolean) => (granted = answer),
    );
    expect(granted).toBe(false);
    expect(state.permissionCheck?.(null, 'geolocation', 'app://chainrule')).toBe(false);

    const contents = new fake.FakeContents() as InstanceType<typeof fake.FakeContents> & {
      setWindowOpenHandler: (handler: () => unknown) => void;
    };
    let openHandler: (() => unknown) | undefined;
    contents.setWindowOpenHandler = (handler) => (openHandler = handler);
    state.appEvents.get('web-contents-created')?.({}, contents);
    let navigationPrevented = false;
    contents.emit(
      'will-navigate',
      { preventDefault: () => (navigationPrevented = true) },
      'https://evil.example/',
    );
    expect(navigationPrevented).toBe(true);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('queues the command-line document until the renderer listens', async () => {
    const window = state.windows[0];
    if (window === undefined) throw new Error('no window');
    // The file has been read (it is in the recent list) but nobody is listening yet.
    await vi.waitFor(async () =>
      expect(await readFile(path.join(state.userData, 'recent-files.json'), 'utf8')).toContain(
        'from-argv.graph',
      ),
    );
    // Delivery follows the recent-list write once the folder is fsynced.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(window.webContents.sent).toEqual([]);
    state.listeners.get('window:renderer-ready')?.(eventFrom(window));
    await vi.waitFor(() => expect(window.webContents.sent).toHaveLength(1));
    expect(window.webContents.sent).toEqual([
      [
        'document:external-open',
        {
          kind: 'opened',
          document: expect.objectContaining({
            name: 'from-argv.graph',
            ref: expect.stringMatching(/^doc-/),
          }),
        },
      ],
    ]);
  });

  it('saves through refs, and refuses strangers', async () => {
    const window = state.windows[0];
    if (window === undefined) throw new Error('no window');
    const invoke = (channel: string, event: IpcEventLike, ...args: unknown[]) =>
      (async () => state.handles.get(channel)?.(event, ...args))();
    state.saveDialogPath = path.join(dir, 'chosen.graph');
    const saved = (await invoke(
      'document:save-as',
      eventFrom(window),
      'first',
      'Untitled.graph',
    )) as {
      kind: string;
      ref: string;
    };
    expect(saved).toMatchObject({ kind: 'saved', name: 'chosen.graph' });
    expect(await readFile(state.saveDialogPath, 'utf8')).toBe('first');

    state.saveDialogPath = path.join(dir, 'never.graph');
    await invoke('document:save', eventFrom(window), saved.ref, 'second', 'chosen.graph');
    expect(await readFile(path.join(dir, 'chosen.graph'), 'utf8')).toBe('second');

    await expect(
      invoke(
        'document:save',
        eventFrom(window, 'https://evil.example/'),
        saved.ref,
        'x',
        'a.graph',
      ),
    ).rejects.toThrow(/untrusted sender/);
    await expect(
      invoke('document:save', eventFrom(window), path.join(dir, 'chosen.graph'), 'x', 'a.graph'),
    ).rejects.toThrow(/malformed arguments/);
    expect(await readFile(path.join(dir, 'chosen.graph'), 'utf8')).toBe('second');
  });

  it('a name with a tab and no extension: saved as .graph, and closing it dirty still asks', async () => {
    const window = state.windows[0];
    if (window === undefined) throw new Error('no window');
    state.saveDialogPath = path.join(dir, 'tab\there');
    const saved = (await state.handles.get('document:save-as')?.(
      eventFrom(window),
      'tabbed',
      'tab\there',
    )) as { kind: string; name: string };
    expect(saved).toMatchObject({ kind: 'saved', name: 'tab\there.graph' });
    expect(await readFile(path.join(dir, 'tab\there.graph'), 'utf8')).toBe('tabbed');
    state.listeners.get('window:set-dirty')?.(eventFrom(window), true);
    state.listeners.get('window:set-title')?.(eventFrom(window), 'tab\there.graph');
    expect(window.title).toContain('tab␉here.graph');
    const sentBefore = window.webContents.sent.length;
    window.close();
    expect(window.closed).toBe(false);
    const request = window.webContents.sent[sentBefore];
    expect(request?.[0]).toBe('window:close-request');
    // The person cancels: the window and its unsaved document stay.
    state.listeners.get('window:close-response')?.(eventFrom(window), request?.[1], false);
    await settle();
    expect(window.closed).toBe(false);
  });

  it('asks the renderer before closing a dirty window and closes on its answer', async () => {
    const window = state.windows[0];
    if (window === undefined) throw new Error('no window');
    state.listeners.get('window:set-dirty')?.(eventFrom(window), true);
    state.listeners.get('window:set-title')?.(eventFrom(window), 'chosen.graph');
    expect(window.title).toBe(
      process.platform === 'darwin' ? 'chosen.graph — Edited' : '• chosen.graph — Chainrule',
    );
    window.close();
    expect(window.closed).toBe(false);
    const request = window.webContents.sent.at(-1);
    expect(request?.[0]).toBe('window:close-request');
    state.listeners.get('window:close-response')?.(eventFrom(window), request?.[1], true);
    await settle();
    expect(window.closed).toBe(true);
    // Closing remembers where the window was.
    expect(
      JSON.parse(await readFile(path.join(state.userData, 'window-state.json'), 'utf8')),
    ).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
    // And the recent files list kept what was opened and saved.
    const recent = JSON.parse(
      await readFile(path.join(state.userData, 'recent-files.json'), 'utf8'),
    );
    expect(recent.files).toEqual([
      path.join(dir, 'tab\there.graph'),
      path.join(dir, 'chosen.graph'),
      startupFile,
    ]);
  });
});
