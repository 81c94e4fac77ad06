import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChainruleBridge } from '../shared/ipc';

/**
 * The preload against a scripted `electron` module (the real one cannot load in Node): what the
 * page receives is named functions only, and each reaches exactly its channel.
 */

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  pathForFile: '' as string,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invoked.push(args);
      return { kind: 'cancelled' };
    },
    send: (...args: unknown[]) => void fake.sent.push(args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = fake.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      fake.listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: () => fake.pathForFile },
}));

let bridge: ChainruleBridge;

beforeAll(async () => {
  await import('./index');
  bridge = fake.exposed.get('chainrule') as ChainruleBridge;
});

describe('preload bridge', () => {
  it('exposes only window.chainrule, made of functions and the platform name', () => {
    expect([...fake.exposed.keys()]).toEqual(['chainrule']);
    const kinds = Object.entries(bridge).map(([key, value]) => [key, typeof value]);
    expect(kinds.filter(([, kind]) => kind !== 'function')).toEqual([['platform', 'string']]);
    expect(Object.keys(bridge)).not.toContain('ipcRenderer');
  });

  it('maps each call to its channel', async () => {
    await bridge.open();
    await bridge.save(null, 'text', 'a.graph');
    await bridge.saveAs('text', 'a.graph');
    await bridge.confirmUnsaved('a.graph');
    bridge.setTitle('a.graph', true);
    bridge.answerCloseRequest(3, false);
    bridge.rendererReady();
    bridge.nativeEdit('copy');
    expect(fake.invoked).toEqual([
      ['document:open'],
      ['document:save', null, 'text', 'a.graph'],
      ['document:save-as', 'text', 'a.graph'],
      ['document:confirm-unsaved', 'a.graph'],
    ]);
    expect(fake.sent).toEqual([
      ['window:set-dirty', true],
      ['window:set-title', 'a.graph'],
      ['window:close-response', 3, false],
      ['window:renderer-ready'],
      ['edit:native', 'copy'],
    ]);
  });

  it('sends a dropped file’s path only when it is a real file on disk', () => {
    fake.sent.length = 0;
    fake.pathForFile = '';
    bridge.openDroppedFile({} as File);
    expect(fake.sent).toEqual([]);
    fake.pathForFile = '/home/me/net.graph';
    bridge.openDroppedFile({} as File);
    expect(fake.sent).toEqual([['document:open-dropped', '/home/me/net.graph']]);
  });

  it('never hands the IPC event (and its sender) to the page, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = bridge.onCommand((...args) => received.push(args));
    const event = { sender: 'ipcRenderer itself' };
    for (const listener of fake.listeners.get('menu:command') ?? []) listener(event, 'undo');
    expect(received).toEqual([['undo']]);
    off();
    expect(fake.listeners.get('menu:command')?.size).toBe(0);
  });
});
