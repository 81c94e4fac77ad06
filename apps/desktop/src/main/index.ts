/**
 * Electron's main process: wires the plain services in this folder to Electron. Anything with a
 * decision in it lives in a service with tests; this file only connects events to them.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  type WebContents,
} from 'electron';
import type { OpenResult, SaveResult, UnsavedChoice } from '../shared/documentContract';
import { PRODUCTION_CSP } from '../shared/csp';
import { EventChannel, MAX_DOCUMENT_BYTES, type EventContract } from '../shared/ipc';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppRequest } from './appProtocol';
import { graphFilesFromArgv } from './argv';
import {
  createCloseCoordinator,
  createReplyTracker,
  type ClosableWindow,
} from './closeCoordinator';
import { createDocumentRefs } from './documentRefs';
import { EXAMPLES } from './examples';
import { createFileService, hasGraphExtension } from './fileService';
import { graphDocumentCheck } from './graphDocumentCheck';
import { registerIpc } from './ipcRouter';
import { buildMenuTemplate } from './menu';
import { nodeFilePort } from './nodeFilePort';
import { createRecentFiles } from './recentFiles';
import { isNavigationAllowed, isPermissionAllowed, isTrustedRendererUrl } from './security';
import { restoreWindowState, serializeWindowState } from './windowState';
import { formatWindowTitle } from '../shared/windowTitle';
import { suggestedFileName } from './windowTitle';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadScript = path.join(here, '../preload/index.cjs');
/** Set by `electron-vite dev` only; production always loads from app://. */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isDevelopment = !app.isPackaged;

// Tests (e2e/electron.spec.ts) run against a throwaway profile; a shipped app ignores this.
if (!app.isPackaged && process.env.CHAINRULE_USER_DATA) {
  app.setPath('userData', process.env.CHAINRULE_USER_DATA);
}

// Must run before `ready`: app:// behaves like https (standard, secure origin, fetch allowed).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: it receives our argv through `second-instance`.
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  const fileService = createFileService({
    fs: nodeFilePort(),
    checkDocument: graphDocumentCheck(),
    maxBytes: MAX_DOCUMENT_BYTES,
    uniqueSuffix: () => randomUUID().slice(0, 8),
  });
  const refs = createDocumentRefs(randomUUID);
  const closing = createCloseCoordinator();
  const closeReplies = createReplyTracker<boolean>();
  const userData = () => app.getPath('userData');
  const recentFiles = createRecentFiles({
    caseInsensitive: process.platform === 'darwin' || process.platform === 'win32',
    storage: {
      async load() {
        const result = await readFile(path.join(userData(), 'recent-files.json'), 'utf8').catch(
          () => null,
        );
        return result;
      },
      async save(text) {
        await mkdir(userData(), { recursive: true });
        const result = await fileService.write(path.join(userData(), 'recent-files.json'), text);
        if (result.kind === 'failed') console.warn(result.message);
      },
    },
  });

  /** Per-window state the renderer reports: dirty flag, and whether it listens yet. */
  interface DocumentWindow {
    readonly window: BrowserWindow;
    readonly handle: ClosableWindow;
    dirty: boolean;
    name: string;
    rendererReady: boolean;
    /** External opens that arrived before the renderer subscribed. */
    readonly pending: OpenResult[];
  }
  const windows = new Map<number, DocumentWindow>();
  /** Files named before any window exists (argv, macOS open-file at launch). */
  const startupFiles: string[] = graphFilesFromArgv(process.argv, process.cwd());

  const windowFor = (webContentsId: number) => windows.get(webContentsId);
  const emit = <C extends keyof EventContract>(
    target: DocumentWindow,
    channel: C,
    ...args: EventContract[C]
  ) => target.window.webContents.send(channel, ...args);

  function deliverExternal(target: DocumentWindow, result: OpenResult): void {
    if (target.rendererReady) emit(target, EventChannel.externalOpen, result);
    else target.pending.push(result);
    if (target.window.isMinimized()) target.window.restore();
    target.window.focus();
  }

  async function rememberRecent(file: string): Promise<void> {
    await recentFiles.add(file);
    // macOS and Windows also keep an OS-wide list (Dock / Jump List); Linux has none.
    if (process.platform !== 'linux') app.addRecentDocument(file);
    refreshMenu();
  }

  async function readForOpen(file: string): Promise<OpenResult> {
    const result = await fileService.read(file);
    if (result.kind === 'failed') return { kind: 'failed', message: result.message };
    await rememberRecent(result.path);
    return {
      kind: 'opened',
      document: { ref: refs.issue(result.path), name: result.name, text: result.text },
    };
  }

  async function openExternally(file: string): Promise<void> {
    const target = focusedDocumentWindow() ?? createWindow();
    if (!hasGraphExtension(file)) {
      deliverExternal(target, {
        kind: 'failed',
        message: `“${path.basename(file)}” is not a .graph document.`,
      });
      return;
    }
    deliverExternal(target, await readForOpen(file));
  }

  function focusedDocumentWindow(): DocumentWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused !== null) {
      const entry = windowFor(focused.webContents.id);
      if (entry !== undefined) return entry;
    }
    return windows.values().next().value;
  }

  async function showSaveError(target: DocumentWindow | undefined, message: string) {
    const options = {
      type: 'error' as const,
      message: 'The document could not be saved.',
      detail: message,
    };
    if (target === undefined) await dialog.showMessageBox(options);
    else await dialog.showMessageBox(target.window, options);
  }

  async function saveTo(
    target: DocumentWindow | undefined,
    file: string,
    text: string,
  ): Promise<SaveResult> {
    const written = await fileService.write(file, text);
    if (written.kind === 'failed') {
      // The renderer keeps the document dirty on a failed result; the dialog says why.
      await showSaveError(target, written.message);
      return { kind: 'failed', message: written.message };
    }
    await rememberRecent(written.path);
    return { kind: 'saved', ref: refs.issue(written.path), name: written.name };
  }

  async function saveAs(
    target: DocumentWindow | undefined,
    text: string,
    suggestion: string,
  ): Promise<SaveResult> {
    const defaultPath = path.join(
      recentFiles.list()[0] === undefined
        ? app.getPath('documents')
        : path.dirname(recentFiles.list()[0] as string),
      suggestedFileName(suggestion),
    );
    const options = {
      title: 'Save Graph',
      defaultPath,
      filters: [{ name: 'Chainrule graph', extensions: ['graph'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as (
        'createDirectory' | 'showOverwriteConfirmation'
      )[],
    };
    const choice =
      target === undefined
        ? await dialog.showSaveDialog(options)
        : await dialog.showSaveDialog(target.window, options);
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') {
      return { kind: 'cancelled' };
    }
    return saveTo(target, choice.filePath, text);
  }

  registerIpc({
    ipcMain,
    isTrustedUrl: (url) => isTrustedRendererUrl(url, devServerUrl),
    onRejected: (channel, reason) => console.warn(`IPC ${channel} refused: ${reason}`),
    invoke: {
      async 'document:open'(caller) {
        const target = windowFor(caller.webContentsId);
        const options = {
          title: 'Open Graph',
          filters: [
            { name: 'Chainrule graph', extensions: ['graph'] },
            { name: 'All files', extensions: ['*'] },
          ],
          properties: ['openFile'] as 'openFile'[],
        };
        const choice =
          target === undefined
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(target.window, options);
        const file = choice.filePaths[0];
        if (choice.canceled || file === undefined) return { kind: 'cancelled' };
        return readForOpen(file);
      },
      async 'document:save'(caller, ref, text, suggestion) {
        const target = windowFor(caller.webContentsId);
        const file = ref === null ? undefined : refs.resolve(ref);
        // No ref (an untitled document) or a ref main never issued: ask where, never guess.
        if (file === undefined) return saveAs(target, text, suggestion);
        return saveTo(target, file, text);
      },
      'document:save-as': async (caller, text, suggestion) =>
        saveAs(windowFor(caller.webContentsId), text, suggestion),
      async 'document:confirm-unsaved'(caller, name): Promise<UnsavedChoice> {
        const target = windowFor(caller.webContentsId);
        const options = {
          type: 'warning' as const,
          buttons: ['Save', "Don't Save", 'Cancel'],
          defaultId: 0,
          cancelId: 2,
          noLink: true,
          message: `Do you want to save the changes you made to “${name}”?`,
          detail: "Your changes will be lost if you don't save them.",
        };
        const { response } =
          target === undefined
            ? await dialog.showMessageBox(options)
            : await dialog.showMessageBox(target.window, options);
        return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
      },
    },
    send: {
      'window:set-title'(caller, name, dirty) {
        const target = windowFor(caller.webContentsId);
        if (target === undefined) return;
        target.dirty = dirty;
        target.name = name;
        target.window.setTitle(formatWindowTitle(name, dirty, process.platform));
        if (process.platform === 'darwin') target.window.setDocumentEdited(dirty);
      },
      'window:close-response'(_caller, requestId, allow) {
        closeReplies.reply(requestId, allow);
      },
      'window:renderer-ready'(caller) {
        const target = windowFor(caller.webContentsId);
        if (target === undefined || target.rendererReady) return;
        target.rendererReady = true;
        for (const result of target.pending.splice(0))
          emit(target, EventChannel.externalOpen, result);
      },
      'document:open-dropped'(_caller, file) {
        void openExternally(file);
      },
      'edit:native'(caller, command) {
        const contents = windowFor(caller.webContentsId)?.window.webContents;
        if (contents === undefined) return;
        const perform: Record<typeof command, () => void> = {
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
  });

  function refreshMenu(): void {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDevelopment,
      appName: 'Chainrule',
      recentFiles: recentFiles.list(),
      examples: EXAMPLES,
      sendCommand(command) {
        const target = focusedDocumentWindow() ?? createWindow();
        emit(target, EventChannel.command, command);
      },
      openRecent: (file) => void openExternally(file),
      clearRecent() {
        void recentFiles.clear().then(refreshMenu);
        if (process.platform !== 'linux') app.clearRecentDocuments();
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  const windowStateFile = () => path.join(userData(), 'window-state.json');

  function createWindow(): DocumentWindow {
    let stored: string | null;
    try {
      stored = readFileSync(windowStateFile(), 'utf8');
    } catch {
      stored = null;
    }
    const state = restoreWindowState(
      stored,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = new BrowserWindow({
      ...state,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Chainrule',
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: preloadScript,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: isDevelopment,
      },
    });
    if (state.maximized) window.maximize();
    const contentsId = window.webContents.id;

    const handle: ClosableWindow = {
      id: contentsId,
      isDirty: () => entry.dirty,
      requestClose: () =>
        window.webContents.isDestroyed() || window.webContents.isCrashed()
          ? Promise.resolve(true)
          : closeReplies.request((requestId) =>
              window.webContents.send(EventChannel.closeRequest, requestId),
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
      if (!event.defaultPrevented) {
        try {
          mkdirSync(userData(), { recursive: true });
          writeFileSync(
            windowStateFile(),
            serializeWindowState(window.getNormalBounds(), window.isMaximized()),
          );
        } catch (error) {
          console.warn('Could not remember the window position:', error);
        }
      }
    });
    window.on('closed', () => {
      closing.onWindowClosed(handle);
      windows.delete(contentsId);
    });
    window.webContents.on('render-process-gone', () => {
      // Nobody is left to answer; a crashed renderer must not block closing or quitting.
      entry.dirty = false;
      closeReplies.settleAll(true);
    });

    void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
    return entry;
  }

  function hardenContents(contents: WebContents): void {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  }

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // macOS hands files over by event, possibly before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (app.isReady()) void openExternally(file);
    else startupFiles.push(file);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = graphFilesFromArgv(argv, workingDirectory);
    if (files.length === 0) {
      const target = focusedDocumentWindow() ?? createWindow();
      if (target.window.isMinimized()) target.window.restore();
      target.window.focus();
    }
    for (const file of files) void openExternally(file);
  });

  app.on('before-quit', (event) => {
    closing.onBeforeQuit(
      [...windows.values()].map((w) => w.handle),
      () => event.preventDefault(),
      () => app.quit(),
    );
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || closing.isQuitting()) app.quit();
  });

  app.on('activate', () => {
    if (windows.size === 0 && app.isReady()) createWindow();
  });

  void app.whenReady().then(async () => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((contents, permission, callback) =>
      callback(isPermissionAllowed(permission, contents.getURL())),
    );
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      isPermissionAllowed(permission, requestingOrigin),
    );
    ses.setDevicePermissionHandler(() => false);

    protocol.handle(APP_SCHEME, async (request) => {
      const target = resolveAppRequest(request.url, rendererRoot);
      if (target.kind === 'refused') return new Response(null, { status: target.status });
      try {
        const body = await readFile(target.path);
        return new Response(body, {
          status: 200,
          headers: {
            'content-type': target.contentType,
            'content-security-policy': PRODUCTION_CSP,
            'x-content-type-options': 'nosniff',
            'cross-origin-opener-policy': 'same-origin',
          },
        });
      } catch {
        return new Response(null, { status: 404 });
      }
    });

    await recentFiles.load();
    refreshMenu();
    const first = createWindow();
    for (const file of startupFiles.splice(0)) {
      if (!hasGraphExtension(file)) continue;
      deliverExternal(first, await readForOpen(file));
    }
  });
}
