import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import type { ChainruleBridge, NativeEditCommand } from '../../shared/ipc';
import type { DocumentRef, MenuCommand, OpenResult } from './DocumentHost';
import { createElectronHost, isTextEditingElement, type ElectronHostPage } from './electronHost';

function element(tagName: string, attributes: Record<string, string> = {}): Element {
  return {
    tagName,
    getAttribute: (name: string) => attributes[name] ?? null,
  } as unknown as Element;
}

function fakeBridge() {
  const calls: unknown[][] = [];
  const listeners = {
    command: undefined as ((command: MenuCommand) => void) | undefined,
    external: undefined as ((result: OpenResult) => void) | undefined,
    close: undefined as ((requestId: number) => void) | undefined,
  };
  const bridge: ChainruleBridge = {
    platform: 'linux',
    open: async () => ({ kind: 'cancelled' }),
    save: async () => {
      throw new Error("Error invoking remote method 'document:save': refused");
    },
    saveAs: async (_text, name) => ({ kind: 'saved', ref: null, name }),
    confirmUnsaved: async () => {
      throw new Error('renderer went away');
    },
    setTitle: (name, dirty) => void calls.push(['setTitle', name, dirty]),
    openDroppedFile: (file) => void calls.push(['dropped', file]),
    nativeEdit: (command: NativeEditCommand) => void calls.push(['native', command]),
    onCommand: (listener) => ((listeners.command = listener), () => undefined),
    onExternalOpen: (listener) => ((listeners.external = listener), () => undefined),
    onCloseRequest: (listener) => ((listeners.close = listener), () => undefined),
    answerCloseRequest: (id, allow) => void calls.push(['answer', id, allow]),
    rendererReady: () => void calls.push(['ready']),
    readRecovery: async () => ({ name: 'seed.graph', text: '{}', savedAt: 5 }),
    writeRecovery: async (snapshot) => void calls.push(['writeRecovery', snapshot]),
    clearRecovery: async () => void calls.push(['clearRecovery']),
  };
  return { bridge, calls, listeners };
}

function fakePage(focused: Element | null = null) {
  const handlers = new Map<string, (event: DragEvent) => void>();
  const page: ElectronHostPage & { focused: Element | null } = {
    focused,
    activeElement: () => page.focused,
    listen: (type, listener) => (handlers.set(type, listener), () => handlers.delete(type)),
  };
  return { page, handlers };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('isTextEditingElement', () => {
  it('recognises text fields and contenteditable, not buttons or the canvas', () => {
    expect(isTextEditingElement(element('INPUT'))).toBe(true);
    expect(isTextEditingElement(element('INPUT', { type: 'number' }))).toBe(true);
    expect(isTextEditingElement(element('TEXTAREA'))).toBe(true);
    expect(isTextEditingElement(element('DIV', { contenteditable: 'true' }))).toBe(true);
    expect(isTextEditingElement(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTextEditingElement(element('INPUT', { type: 'range' }))).toBe(false);
    expect(isTextEditingElement(element('DIV', { contenteditable: 'false' }))).toBe(false);
    expect(isTextEditingElement(element('BUTTON'))).toBe(false);
    expect(isTextEditingElement(null)).toBe(false);
  });
});

describe('Electron host', () => {
  it('sends Edit commands to a focused text field, everything else to the canvas', () => {
    const { bridge, calls, listeners } = fakeBridge();
    const { page } = fakePage();
    const host = createElectronHost(bridge, page);
    const received: MenuCommand[] = [];
    host.onCommand((command) => received.push(command));

    listeners.command?.('undo');
    page.focused = element('INPUT');
    listeners.command?.('undo');
    listeners.command?.('paste');
    listeners.command?.('fit-view');
    expect(received).toEqual(['undo', 'fit-view']);
    expect(calls).toEqual([
      ['native', 'undo'],
      ['native', 'paste'],
    ]);
  });

  it('tells main it is ready once, when the first external-open listener arrives', () => {
    const { bridge, calls, listeners } = fakeBridge();
    const host = createElectronHost(bridge, fakePage().page);
    expect(calls).toEqual([]);
    const seen: OpenResult[] = [];
    host.onExternalOpen((result) => seen.push(result));
    host.onExternalOpen(() => undefined);
    expect(calls).toEqual([['ready']]);
    const opened: OpenResult = {
      kind: 'opened',
      document: { ref: 'doc-x' as DocumentRef, name: 'a.graph', text: '{}' },
    };
    listeners.external?.(opened);
    expect(seen).toEqual([opened]);
  });

  it('answers close requests with the latest listener, and keeps the window if it fails', async () => {
    const { bridge, calls, listeners } = fakeBridge();
    const host = createElectronHost(bridge, fakePage().page);
    listeners.close?.(1);
    expect(calls).toEqual([['answer', 1, true]]);

    const off = host.onCloseRequest(async () => true);
    host.onCloseRequest(async () => false);
    listeners.close?.(2);
    await flush();
    expect(calls.at(-1)).toEqual(['answer', 2, false]);

    const broken = host.onCloseRequest(async () => {
      throw new Error('save crashed');
    });
    listeners.close?.(3);
    await flush();
    expect(calls.at(-1)).toEqual(['answer', 3, false]);
    broken();
    off();
  });

  it('turns refused IPC calls into results instead of exceptions', async () => {
    const { bridge } = fakeBridge();
    const host = createElectronHost(bridge, fakePage().page);
    expect(await host.save(null, 'text', 'a.graph')).toEqual({
      kind: 'failed',
      message: "Error invoking remote method 'document:save': refused",
    });
    expect(await host.confirmUnsaved('a.graph')).toBe('cancel');
    expect(await host.saveAs('t', 'b.graph')).toEqual({
      kind: 'saved',
      ref: null,
      name: 'b.graph',
    });
  });

  it('says a document is too large to save with the limit’s sentence, without calling main', async () => {
    const { bridge } = fakeBridge();
    let reachedMain = false;
    const host = createElectronHost(
      { ...bridge, saveAs: async () => ((reachedMain = true), { kind: 'cancelled' }) },
      fakePage().page,
    );
    const result = await host.saveAs('の'.repeat(Math.ceil(MAX_DOCUMENT_BYTES / 3) + 1), 'b.graph');
    expect(result).toEqual({
      kind: 'failed',
      message:
        'Couldn\'t save "b.graph": the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be.',
    });
    expect(reachedMain).toBe(false);
  }, 30_000);

  it('hands a dropped file to main and stops Chromium navigating to it', () => {
    const { bridge, calls } = fakeBridge();
    const { page, handlers } = fakePage();
    createElectronHost(bridge, page);
    const file = { name: 'net.graph' };
    let prevented = 0;
    const drop = {
      dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' },
      defaultPrevented: false,
      preventDefault: () => prevented++,
    } as unknown as DragEvent;
    handlers.get('dragover')?.(drop);
    handlers.get('drop')?.(drop);
    expect(prevented).toBe(2);
    expect(calls).toEqual([['dropped', file]]);

    // A palette drag (no files) is left to the canvas.
    const paletteDrag = {
      dataTransfer: { types: ['application/reactflow'], files: [] },
      preventDefault: () => prevented++,
    } as unknown as DragEvent;
    handlers.get('drop')?.(paletteDrag);
    expect(prevented).toBe(2);
  });

  it('forwards the title and dirty state', () => {
    const { bridge, calls } = fakeBridge();
    createElectronHost(bridge, fakePage().page).setTitle('net.graph', true);
    expect(calls).toEqual([['setTitle', 'net.graph', true]]);
  });

  it('keeps the autosave in main, through the bridge', async () => {
    const { bridge, calls } = fakeBridge();
    const { recovery } = createElectronHost(bridge, fakePage().page);
    expect(await recovery.read()).toEqual({ name: 'seed.graph', text: '{}', savedAt: 5 });
    await recovery.write({ name: 'a.graph', text: 'x', savedAt: 9 });
    await recovery.clear();
    expect(calls).toEqual([
      ['writeRecovery', { name: 'a.graph', text: 'x', savedAt: 9 }],
      ['clearRecovery'],
    ]);
  });
});
