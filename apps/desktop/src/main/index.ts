/**
 * Electron's main process: wires the plain services in this folder to Electron. Anything with a
 * decision in it lives in a service with tests (windows.ts, documentIpc.ts, appMenu.ts, …);
 * this file only connects Electron's objects and events to them.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileSystem, saveFile } from '@chainrule/files';
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
import { PRODUCTION_CSP } from '../shared/csp';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppRequest } from './appProtocol';
import { createAppMenu } from './appMenu';
import { graphFilesFromArgv } from './argv';
import { createCloseCoordinator, createReplyTracker } from './closeCoordinator';
import { createDocumentIpc, type DocumentDialogs } from './documentIpc';
import { createDocumentRefs } from './documentRefs';
import { EXAMPLES } from './examples';
import { hasGraphExtension } from './fileNames';
import { registerIpc } from './ipcRouter';
import { createRecentFiles } from './recentFiles';
import { createRecoveryStore } from './recoveryStore';
import { isNavigationAllowed, isPermissionAllowed, isTrustedRendererUrl } from './security';
import { createWindowManager, type BrowserWindowLike, type DocumentWindow } from './windows';
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
  const platform = process.platform;
  const fs = nodeFileSystem();
  const userData = () => app.getPath('userData');
  const closing = createCloseCoordinator();
  const recentFiles = createRecentFiles({
    caseInsensitive: platform === 'darwin' || platform === 'win32',
    storage: {
      load: () => readFile(path.join(userData(), 'recent-files.json'), 'utf8').catch(() => null),
      async save(text) {
        await mkdir(userData(), { recursive: true });
        const result = await saveFile(path.join(userData(), 'recent-files.json'), text, { fs });
        if (result.kind === 'failed') console.warn(`Recent files not saved: ${result.detail}`);
      },
    },
  });
  const windowStateFile = () => path.join(userData(), 'window-state.json');
  const recovery = createRecoveryStore({
    dir: () => path.join(userData(), 'recovery'),
    newId: randomUUID,
    warn: (message) => console.warn(message),
    files: {
      readdir: (dir) => readdir(dir),
      readFile: (file) => readFile(file, 'utf8'),
      unlink: (file) => unlink(file),
      mkdir: async (dir) => void (await mkdir(dir, { recursive: true })),
      async writeAtomic(file, text) {
        const result = await saveFile(file, text, { fs });
        return result.kind === 'failed' ? { ok: false, detail: result.detail } : { ok: true };
      },
    },
  });

  const windows = createWindowManager({
    platform,
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    closing,
    closeReplies: createReplyTracker<boolean>(),
    displays: () => screen.getAllDisplays().map((display) => display.workArea),
    focusedWindow: () => BrowserWindow.getFocusedWindow(),
    windowState: {
      load() {
        try {
          return readFileSync(windowStateFile(), 'utf8');
        } catch {
          return null;
        }
      },
      save(text) {
        mkdirSync(userData(), { recursive: true });
        writeFileSync(windowStateFile(), text);
      },
    },
    createBrowserWindow: (state): BrowserWindowLike =>
      new BrowserWindow({
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
      }),
  });
  /** The Electron window behind one of ours, as dialogs want it for their parent. */
  const parentOf = (target: DocumentWindow | undefined) =>
    target === undefined ? undefined : (target.window as unknown as BrowserWindow);

  const dialogs: DocumentDialogs = {
    async chooseFileToOpen(parent) {
      const options = {
        title: 'Open Graph',
        filters: [
          { name: 'Chainrule graph', extensions: ['graph'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['openFile'] as 'openFile'[],
      };
      const window = parentOf(parent);
      const choice =
        window === undefined
          ? await dialog.showOpenDialog(options)
          : await dialog.showOpenDialog(window, options);
      return choice.canceled ? null : (choice.filePaths[0] ?? null);
    },
    async chooseSaveLocation(parent, defaultPath) {
      const options = {
        title: 'Save Graph',
        defaultPath,
        filters: [{ name: 'Chainrule graph', extensions: ['graph'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as (
          'createDirectory' | 'showOverwriteConfirmation'
        )[],
      };
      const window = parentOf(parent);
      const choice =
        window === undefined
          ? await dialog.showSaveDialog(options)
          : await dialog.showSaveDialog(window, options);
      return choice.canceled || choice.filePath === undefined ? null : choice.filePath;
    },
    async ask(parent, question) {
      const options = { ...question, buttons: [...question.buttons], noLink: true };
      const window = parentOf(parent);
      const { response } =
        window === undefined
          ? await dialog.showMessageBox(options)
          : await dialog.showMessageBox(window, options);
      return response;
    },
  };

  const menu = createAppMenu({
    platform,
    isDevelopment,
    examples: EXAMPLES,
    recentFiles,
    windows,
    openRecent: (file) => void documents.openExternally(file, false),
    install: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
    osRecent: {
      add: (file) => app.addRecentDocument(file),
      clear: () => app.clearRecentDocuments(),
    },
  });
  const documents = createDocumentIpc({
    platform,
    windows,
    dialogs,
    refs: createDocumentRefs(randomUUID),
    recentFiles,
    onRecentChanged: (file) => menu.documentUsed(file),
    documentsFolder: () => app.getPath('documents'),
    fs,
  });

  registerIpc({
    ipcMain,
    isTrustedUrl: (url) => isTrustedRendererUrl(url, devServerUrl),
    onRejected: (channel, reason) => console.warn(`IPC ${channel} refused: ${reason}`),
    invoke: { ...documents.invoke, ...recovery.invoke },
    send: {
      'window:set-title': (caller, name) => windows.ipc.setTitle(caller.webContentsId, name),
      'window:set-dirty': (caller, dirty) => windows.ipc.setDirty(caller.webContentsId, dirty),
      'window:close-response': (_caller, requestId, allow) =>
        windows.ipc.closeResponse(requestId, allow),
      'window:renderer-ready': (caller) => windows.ipc.rendererReady(caller.webContentsId),
      'document:open-dropped': (_caller, file) => void documents.openExternally(file, true),
      'edit:native': (caller, command) => windows.ipc.nativeEdit(caller.webContentsId, command),
    },
  });

  /** Files named before any window exists (argv, macOS open-file at launch). */
  const startupFiles: string[] = graphFilesFromArgv(process.argv, process.cwd());

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

  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents);
    // A window that closes normally had its document saved or discarded: its autosave goes.
    // (After a crash this never runs, and the next window offers the autosave back.)
    const id = contents.id;
    contents.once('destroyed', () => void recovery.windowClosed(id));
  });

  // macOS hands files over by event, possibly before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (app.isReady()) void documents.openExternally(file, true);
    else startupFiles.push(file);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = graphFilesFromArgv(argv, workingDirectory);
    if (files.length === 0) windows.reveal(windows.currentOrNew());
    for (const file of files) void documents.openExternally(file, true);
  });

  app.on('before-quit', (event) => {
    closing.onBeforeQuit(
      windows.all().map((w) => w.handle),
      () => event.preventDefault(),
      () => app.quit(),
    );
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin' || closing.isQuitting()) app.quit();
  });

  app.on('activate', () => {
    if (windows.all().length === 0 && app.isReady()) windows.create();
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
    menu.refresh();
    const first = windows.create();
    for (const file of startupFiles.splice(0)) {
      if (!hasGraphExtension(file)) continue;
      windows.deliverExternal(first, await documents.readForOpen(file));
    }
  });
}
