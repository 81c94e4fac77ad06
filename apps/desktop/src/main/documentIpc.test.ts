import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeFileSystem } from '@chainrule/files';
import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentRef, OpenResult, SaveResult } from '../shared/documentContract';
import { createDocumentIpc, type DocumentDialogs, type Question } from './documentIpc';
import { createDocumentRefs } from './documentRefs';
import { registerIpc, type IpcEventLike } from './ipcRouter';
import { createRecentFiles } from './recentFiles';
import { fakeWindowManager } from './testing/fakeWindow';

const scratch = mkdtempSync(path.join(tmpdir(), 'chainrule-docs-'));
afterAll(() => {
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});
let counter = 0;
const folder = (): string => {
  const dir = path.join(scratch, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
};

const SEED = readFileSync(path.resolve(import.meta.dirname, '../../../../examples/seed.graph'));

/**
 * Main's document handling wired as in the app (window manager, close coordinator, IPC router
 * with its guards, recent files) on the real file system, with scripted dialogs and windows.
 */
function setup() {
  const dialogs = {
    openPath: null as string | null,
    savePath: (defaultPath: string): string | null => defaultPath,
    defaultPaths: [] as string[],
    answers: [] as number[],
    questions: [] as Question[],
  };
  const scripted: DocumentDialogs = {
    chooseFileToOpen: async () => dialogs.openPath,
    async chooseSaveLocation(_parent, defaultPath) {
      dialogs.defaultPaths.push(defaultPath);
      return dialogs.savePath(defaultPath);
    },
    async ask(_parent, question) {
      dialogs.questions.push(question);
      return dialogs.answers.shift() ?? question.cancelId;
    },
  };
  const { windows, fakes } = fakeWindowManager();
  let stored = '';
  const recentFiles = createRecentFiles({
    storage: { load: async () => stored, save: async (text) => void (stored = text) },
  });
  let uuid = 0;
  const documents = createDocumentIpc({
    platform: 'linux',
    windows,
    dialogs: scripted,
    refs: createDocumentRefs(
      () => `${String(++uuid).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`,
    ),
    recentFiles,
    onRecentChanged: () => undefined,
    documentsFolder: () => scratch,
    fs: nodeFileSystem(),
  });
  // Through the real router, so every call meets the same argument guards as in the app.
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const rejected: string[] = [];
  registerIpc({
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      on: (channel, listener) => void handlers.set(channel, listener),
    },
    isTrustedUrl: (url) => url.startsWith('app://chainrule/'),
    onRejected: (channel, reason) => rejected.push(`${channel}: ${reason}`),
    invoke: {
      ...documents.invoke,
      // Not under test here (see recoveryStore.test.ts); the router needs every channel.
      'recovery:read': async () => null,
      'recovery:write': async () => undefined,
      'recovery:clear': async () => undefined,
    },
    send: {
      'window:set-title': (caller, name) => windows.ipc.setTitle(caller.webContentsId, name),
      'window:set-dirty': (caller, dirty) => windows.ipc.setDirty(caller.webContentsId, dirty),
      'window:close-response': (_c, id, allow) => windows.ipc.closeResponse(id, allow),
      'window:renderer-ready': (caller) => windows.ipc.rendererReady(caller.webContentsId),
      'document:open-dropped': (_c, file) => void documents.openExternally(file, true),
      'edit:native': (caller, command) => windows.ipc.nativeEdit(caller.webContentsId, command),
    },
  });
  const entry = windows.create();
  const window = fakes[0]!;
  const event: IpcEventLike = {
    sender: { id: window.webContents.id },
    senderFrame: { url: 'app://chainrule/index.html', parent: null },
  };
  const call = async <T>(channel: string, ...args: unknown[]): Promise<T> =>
    (await handlers.get(channel)!(event, ...args)) as T;
  return {
    dialogs,
    documents,
    windows,
    entry,
    window,
    recentFiles,
    rejected,
    open: () => call<OpenResult>('document:open'),
    save: (ref: DocumentRef | null, text: string, name: string) =>
      call<SaveResult>('document:save', ref, text, name),
    saveAs: (text: string, name: string) => call<SaveResult>('document:save-as', text, name),
    confirmUnsaved: (name: string) => call<string>('document:confirm-unsaved', name),
    send: (channel: string, ...args: unknown[]) => void handlers.get(channel)!(event, ...args),
  };
}

/** Opens `file` through the Open dialog and returns the document. */
async function openThroughDialog(app: ReturnType<typeof setup>, file: string) {
  app.dialogs.openPath = file;
  const result = await app.open();
  if (result.kind !== 'opened')
    throw new Error(`expected to open ${file}: ${JSON.stringify(result)}`);
  return result.document;
}

describe('opening', () => {
  it('refuses a Latin-1 file with the CLI’s words, instead of decoding it to U+FFFD', async () => {
    const app = setup();
    const file = path.join(folder(), 'latin1.graph');
    writeFileSync(file, Buffer.from('{"name":"café"}', 'latin1'));
    app.dialogs.openPath = file;
    expect(await app.open()).toEqual({
      kind: 'failed',
      message: 'Couldn\'t open "latin1.graph": the file is not UTF-8 text.',
    });
  });

  it('does not parse in main: a broken document is handed to the renderer, which parses it', async () => {
    const app = setup();
    const file = path.join(folder(), 'broken.graph');
    writeFileSync(file, '{"format": ');
    expect((await openThroughDialog(app, file)).text).toBe('{"format": ');
  });

  it('opens up to the one limit (64 MiB, in bytes) and refuses one byte more, unread', async () => {
    const app = setup();
    const dir = folder();
    const big = path.join(dir, 'big.graph');
    writeFileSync(big, '');
    truncateSync(big, 20 * 1024 * 1024); // over the old 16 MiB app limit
    expect((await openThroughDialog(app, big)).text).toHaveLength(20 * 1024 * 1024);
    const huge = path.join(dir, 'huge.graph');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_DOCUMENT_BYTES + 1);
    app.dialogs.openPath = huge;
    expect(await app.open()).toEqual({
      kind: 'failed',
      message:
        'Couldn\'t open "huge.graph": the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be.',
    });
  }, 30_000);

  it('from outside: .graph only, except Recent files, which were opened before', async () => {
    const app = setup();
    const file = path.join(folder(), 'notes.txt');
    writeFileSync(file, SEED);
    app.send('window:renderer-ready');
    await app.documents.openExternally(file, true);
    await app.documents.openExternally(file, false);
    expect(app.window.webContents.sent).toEqual([
      [
        'document:external-open',
        { kind: 'failed', message: '"notes.txt" is not a .graph document.' },
      ],
      ['document:external-open', expect.objectContaining({ kind: 'opened' })],
    ]);
  });
});

describe('saving', () => {
  it('refuses text over the limit in bytes (CJK counts three each), with the one sentence', async () => {
    const app = setup();
    const text = 'の'.repeat(Math.ceil(MAX_DOCUMENT_BYTES / 3) + 1);
    const result = await app.saveAs(text, 'big.graph');
    expect(result).toEqual({
      kind: 'failed',
      message:
        'Couldn\'t save "big.graph": the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be.',
    });
    expect(app.dialogs.questions[0]?.type).toBe('error');
  }, 30_000);

  it('through a symlink: the target gets the text, the link stays', async () => {
    const app = setup();
    const dir = folder();
    writeFileSync(path.join(dir, 'real.graph'), SEED);
    symlinkSync('real.graph', path.join(dir, 'link.graph'));
    const doc = await openThroughDialog(app, path.join(dir, 'link.graph'));
    expect(doc.name).toBe('link.graph');
    expect(await app.save(doc.ref, 'new', doc.name)).toMatchObject({
      kind: 'saved',
      name: 'link.graph',
    });
    expect(lstatSync(path.join(dir, 'link.graph')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real.graph'), 'utf8')).toBe('new');
  });

  it('asks before overwriting a read-only file: Cancel keeps it, Overwrite writes it', async () => {
    const app = setup();
    const file = path.join(folder(), 'locked.graph');
    writeFileSync(file, SEED);
    chmodSync(file, 0o444);
    const doc = await openThroughDialog(app, file);
    expect(await app.save(doc.ref, 'mine', doc.name)).toEqual({ kind: 'cancelled' });
    expect(app.dialogs.questions.at(-1)).toMatchObject({
      message: '"locked.graph" is read-only.',
      buttons: ['Overwrite', 'Save As…', 'Cancel'],
      defaultId: 1,
    });
    expect(readFileSync(file).equals(SEED)).toBe(true);
    app.dialogs.answers.push(0);
    expect(await app.save(doc.ref, 'mine', doc.name)).toMatchObject({ kind: 'saved' });
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('a file changed on disk: asks; Cancel keeps the other program’s bytes; Save As keeps both', async () => {
    const app = setup();
    const dir = folder();
    const file = path.join(dir, 'shared.graph');
    writeFileSync(file, SEED);
    const doc = await openThroughDialog(app, file);
    writeFileSync(file, 'theirs');
    expect(await app.save(doc.ref, 'mine', doc.name)).toEqual({ kind: 'cancelled' });
    expect(app.dialogs.questions.at(-1)?.message).toBe(
      '"shared.graph" has changed on disk since you opened it.',
    );
    expect(readFileSync(file, 'utf8')).toBe('theirs');

    app.dialogs.answers.push(1); // Save As…
    app.dialogs.savePath = () => path.join(dir, 'mine.graph');
    expect(await app.save(doc.ref, 'mine', doc.name)).toMatchObject({
      kind: 'saved',
      name: 'mine.graph',
    });
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(readFileSync(path.join(dir, 'mine.graph'), 'utf8')).toBe('mine');
  });

  it('two windows on one file: the second save notices the first', async () => {
    const a = setup();
    const b = setup();
    const file = path.join(folder(), 'both.graph');
    writeFileSync(file, SEED);
    const inA = await openThroughDialog(a, file);
    const inB = await openThroughDialog(b, file);
    expect(await a.save(inA.ref, 'from a', inA.name)).toMatchObject({ kind: 'saved' });
    expect(await b.save(inB.ref, 'from b', inB.name)).toEqual({ kind: 'cancelled' });
    expect(readFileSync(file, 'utf8')).toBe('from a');
    // A's own later saves are not conflicts.
    expect(await a.save(inA.ref, 'from a again', inA.name)).toMatchObject({ kind: 'saved' });
  });

  it('Save As adds .graph when the dialog left it off, and asks before replacing that file', async () => {
    const app = setup();
    const dir = folder();
    app.dialogs.savePath = () => path.join(dir, 'net');
    expect(await app.saveAs('one', 'net')).toMatchObject({ kind: 'saved', name: 'net.graph' });
    expect(readFileSync(path.join(dir, 'net.graph'), 'utf8')).toBe('one');
    expect(app.recentFiles.list()[0]).toBe(path.join(dir, 'net.graph'));
    // Again: now net.graph exists, and the dialog only asked about "net".
    expect(await app.saveAs('two', 'net')).toEqual({ kind: 'cancelled' });
    expect(app.dialogs.questions.at(-1)?.message).toBe(
      '"net.graph" already exists. Do you want to replace it?',
    );
    expect(readFileSync(path.join(dir, 'net.graph'), 'utf8')).toBe('one');
    app.dialogs.answers.push(0);
    expect(await app.saveAs('two', 'net')).toMatchObject({ kind: 'saved' });
    expect(readFileSync(path.join(dir, 'net.graph'), 'utf8')).toBe('two');
  });

  it('a failed save says why, names the file, and keeps the document dirty (failed result)', async () => {
    const app = setup();
    const dir = folder();
    app.dialogs.savePath = () => path.join(dir, 'gone', 'net.graph');
    expect(await app.saveAs('x', 'net.graph')).toEqual({
      kind: 'failed',
      message: 'Couldn\'t save "net.graph": its folder no longer exists.',
    });
  });
});

/** File names the OS allows: control characters, right-to-left text, emoji, long, no extension. */
const fuzzedName = fc
  .array(
    fc.oneof(
      fc.constantFrom('\t', '\n', '\r', '\u0001', '\u001b', '\u007f', ' ', '.', '-', ':', '*', '?'),
      fc.constantFrom('ש', 'ל', 'ו', 'ם', 'ع', '\u202e', '\u200f', '\u2066'),
      fc.constantFrom('😀', '👩‍💻', '🇺🇳', 'é', 'の', '\u0301'),
      fc.string({ minLength: 1, maxLength: 4 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => parts.join(''))
  .chain((base) => fc.constantFrom(base, `${base}.graph`, `${base}.GRAPH`, `${base}.json`))
  .filter(
    (name) =>
      !name.includes('/') &&
      !name.includes('\u0000') &&
      name !== '.' &&
      name !== '..' &&
      Buffer.byteLength(name) <= 255,
  );

/** Names at the 255-byte limit, with and without the extension, in one- to four-byte characters. */
const longName = fc.constantFrom(
  `${'x'.repeat(249)}.graph`,
  'é'.repeat(127),
  `${'の'.repeat(83)}.graph`,
  `${'😀'.repeat(62)}\t.graph`,
  '\u202e'.repeat(85),
);
const osFileName = fc.oneof(
  { arbitrary: fuzzedName, weight: 4 },
  { arbitrary: longName, weight: 1 },
);

describe('file names: anything the OS allows round-trips, and nothing unsaved closes unasked', () => {
  it('open, title, dirty, save, save as, recent and close, for fuzzed names', async () => {
    const seed = Date.now() % 100_000;
    console.log(`file-name fuzz seed: ${seed}`);
    await fc.assert(
      fc.asyncProperty(osFileName, async (name) => {
        const app = setup();
        const dir = folder();
        const file = path.join(dir, name);
        writeFileSync(file, SEED);

        // Open: the name comes back exactly as the OS has it.
        const doc = await openThroughDialog(app, file);
        expect(doc.name).toBe(name);
        expect(app.recentFiles.list()).toContain(path.normalize(file));

        // Title and dirty: accepted by the guards whatever the name holds.
        app.send('window:set-dirty', true);
        app.send('window:set-title', name);
        expect(app.entry.dirty).toBe(true);
        expect(app.entry.name).toBe(name);
        // eslint-disable-next-line no-control-regex -- the title must show none of them raw
        expect(app.window.title).not.toMatch(/[\u0000-\u001f\u007f]/);

        // The unsaved-changes question and Save accept it too.
        expect(['save', 'discard', 'cancel']).toContain(await app.confirmUnsaved(name));
        expect(await app.save(doc.ref, 'saved text', name)).toEqual({
          kind: 'saved',
          ref: doc.ref,
          name,
        });
        expect(readFileSync(file, 'utf8')).toBe('saved text');

        // Save As suggests the same name (with .graph) in the same folder, and saves there.
        app.dialogs.savePath = (defaultPath) => defaultPath;
        const savedAs = await app.saveAs('again', name);
        expect(savedAs.kind).toBe('saved');
        const suggested = app.dialogs.defaultPaths.at(-1)!;
        expect(path.dirname(suggested)).toBe(dir);
        if (/\.graph$/i.test(name) && !name.startsWith('.') && name.trim() === name) {
          expect(path.basename(suggested)).toBe(name);
        }
        expect(app.rejected).toEqual([]);

        // Close while dirty: main asks the renderer first; the window stays until it answers.
        app.window.close();
        expect(app.window.closed).toBe(false);
        expect(app.window.webContents.sent.at(-1)?.[0]).toBe('window:close-request');
      }),
      { seed, numRuns: 60 },
    );
  }, 60_000);
});
