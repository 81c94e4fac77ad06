import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';
import { createBrowserHost, type BrowserHostEnv, type FileHandleLike } from './browserHost';
import type { OpenResult, UnsavedChoice } from './DocumentHost';

/** An in-memory file behind a File System Access handle. */
function memoryHandle(name: string, initial: string, failWrite?: Error) {
  const file = { name, text: initial, writes: 0 };
  const handle: FileHandleLike = {
    name,
    getFile: async () => Object.assign(new Blob([file.text]), { name }),
    createWritable: async () => {
      let pending = '';
      return {
        write: async (data: string) => {
          if (failWrite !== undefined) throw failWrite;
          pending += data;
        },
        close: async () => {
          file.text = pending;
          file.writes += 1;
        },
      };
    },
  };
  return { file, handle };
}

function abort(): Error {
  return Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
}

function env(overrides: Partial<BrowserHostEnv> = {}) {
  const log: unknown[][] = [];
  const listeners = new Map<string, (event: Event) => void>();
  const base: BrowserHostEnv = {
    pickFileWithInput: async () => null,
    download: (name, text) => void log.push(['download', name, text]),
    confirmUnsaved: async (): Promise<UnsavedChoice> => 'cancel',
    setDocumentTitle: (title) => void log.push(['title', title]),
    listen: (type, listener) => (listeners.set(type, listener), () => listeners.delete(type)),
    ...overrides,
  };
  return { env: base, log, listeners };
}

describe('browser host', () => {
  it('opens through the file picker and saves back in place', async () => {
    const { file, handle } = memoryHandle('net.graph', 'v1');
    const { env: e } = env({ showOpenFilePicker: async () => [handle] });
    const host = createBrowserHost(e);
    const opened = await host.open();
    expect(opened).toMatchObject({ kind: 'opened', document: { name: 'net.graph', text: 'v1' } });
    const ref = opened.kind === 'opened' ? opened.document.ref : null;
    expect(ref).not.toBeNull();
    expect(await host.save(ref, 'v2', 'net.graph')).toEqual({
      kind: 'saved',
      ref,
      name: 'net.graph',
    });
    expect(file.text).toBe('v2');
  });

  it('saves an untitled document through the save picker, and Cancel is not an error', async () => {
    const { file, handle } = memoryHandle('mine.graph', '');
    const suggested: string[] = [];
    let answer: 'pick' | 'abort' = 'abort';
    const { env: e } = env({
      showSaveFilePicker: async ({ suggestedName }) => {
        suggested.push(suggestedName);
        if (answer === 'abort') throw abort();
        return handle;
      },
    });
    const host = createBrowserHost(e);
    expect(await host.save(null, 'text', 'Untitled.graph')).toEqual({ kind: 'cancelled' });
    answer = 'pick';
    const saved = await host.saveAs('text', 'Untitled.graph');
    expect(saved).toMatchObject({ kind: 'saved', name: 'mine.graph' });
    expect(file.text).toBe('text');
    expect(suggested).toEqual(['Untitled.graph', 'Untitled.graph']);
  });

  it('reports a failed write (e.g. permission denied) as a failure', async () => {
    const denied = Object.assign(new Error('The request is not allowed'), {
      name: 'NotAllowedError',
    });
    const { file, handle } = memoryHandle('ro.graph', 'old', denied);
    const { env: e } = env({ showOpenFilePicker: async () => [handle] });
    const host = createBrowserHost(e);
    const opened = await host.open();
    const ref = opened.kind === 'opened' ? opened.document.ref : null;
    expect(await host.save(ref, 'new', 'ro.graph')).toEqual({
      kind: 'failed',
      message: "Couldn't save “ro.graph”: The request is not allowed",
    });
    expect(file.text).toBe('old');
  });

  it('falls back to a file input and a download without the File System Access API', async () => {
    const picked = Object.assign(new Blob(['{"x":1}']), { name: 'in.graph' });
    const { env: e, log } = env({ pickFileWithInput: async () => picked });
    const host = createBrowserHost(e);
    expect(await host.open()).toEqual({
      kind: 'opened',
      document: { ref: null, name: 'in.graph', text: '{"x":1}' },
    });
    expect(await host.save(null, 'saved text', 'in.graph')).toEqual({
      kind: 'saved',
      ref: null,
      name: 'in.graph',
    });
    expect(log).toContainEqual(['download', 'in.graph', 'saved text']);
  });

  it('refuses a Latin-1 file with the words the app and CLI use', async () => {
    const latin1 = Object.assign(new Blob([new Uint8Array([0x63, 0x61, 0x66, 0xe9])]), {
      name: 'latin1.graph',
    });
    const { env: e } = env({ pickFileWithInput: async () => latin1 });
    expect(await createBrowserHost(e).open()).toEqual({
      kind: 'failed',
      message: 'Couldn\'t open "latin1.graph": the file is not UTF-8 text.',
    });
  });

  it('refuses to save text over the one limit in bytes, before any picker', async () => {
    const { env: e, log } = env();
    const result = await createBrowserHost(e).saveAs(
      'の'.repeat(Math.ceil(MAX_DOCUMENT_BYTES / 3) + 1),
      'big.graph',
    );
    expect(result).toEqual({
      kind: 'failed',
      message:
        'Couldn\'t save "big.graph": the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be.',
    });
    expect(log).toEqual([]);
  }, 30_000);

  it('treats a cancelled picker as cancelled and refuses oversized files', async () => {
    const { env: cancelling } = env({
      showOpenFilePicker: async () => {
        throw abort();
      },
    });
    expect(await createBrowserHost(cancelling).open()).toEqual({ kind: 'cancelled' });
    const huge = { size: MAX_DOCUMENT_BYTES + 1, name: 'huge.graph', text: async () => '' };
    const { env: e } = env({
      pickFileWithInput: async () => huge as unknown as Blob & { name: string },
    });
    expect(await createBrowserHost(e).open()).toEqual({
      kind: 'failed',
      message:
        'Couldn\'t open "huge.graph": the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be.',
    });
  });

  it('shows the dirty marker in the tab title and guards unload only while dirty', () => {
    const { env: e, log, listeners } = env();
    const host = createBrowserHost(e);
    let prevented = 0;
    const unload = { preventDefault: () => prevented++ } as unknown as Event;
    host.setTitle('net.graph', true);
    listeners.get('beforeunload')?.(unload);
    host.setTitle('net.graph', false);
    listeners.get('beforeunload')?.(unload);
    expect(prevented).toBe(1);
    expect(log).toEqual([
      ['title', '• net.graph — Chainrule'],
      ['title', 'net.graph — Chainrule'],
    ]);
  });

  it('opens a dropped .graph file as an external document and refuses other files', async () => {
    const { env: e, listeners } = env();
    const host = createBrowserHost(e);
    const results: OpenResult[] = [];
    host.onExternalOpen((result) => results.push(result));
    const drop = (file: Blob & { name: string }) =>
      listeners.get('drop')?.({
        dataTransfer: { types: ['Files'], files: [file] },
        preventDefault: () => undefined,
      } as unknown as Event);
    drop(Object.assign(new Blob(['{}']), { name: 'dropped.graph' }));
    drop(Object.assign(new Blob(['hi']), { name: 'notes.txt' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(results).toEqual([
      { kind: 'opened', document: { ref: null, name: 'dropped.graph', text: '{}' } },
      { kind: 'failed', message: '"notes.txt" is not a .graph document.' },
    ]);
  });
});
