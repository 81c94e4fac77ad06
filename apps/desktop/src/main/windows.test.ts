import { describe, expect, it } from 'vitest';
import { fakeWindowManager } from './testing/fakeWindow';

function setup(platform: NodeJS.Platform = 'linux') {
  const { windows, fakes, saved, focus } = fakeWindowManager(platform);
  return { windows, created: fakes, saved, focus };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('window manager', () => {
  it('creates windows on the app page and finds the current one', () => {
    const { windows, created, focus } = setup();
    expect(windows.current()).toBeUndefined();
    const first = windows.currentOrNew();
    const second = windows.create();
    expect(created.map((w) => w.url)).toEqual([
      'app://chainrule/index.html',
      'app://chainrule/index.html',
    ]);
    expect(windows.current()).toBe(first);
    focus(created[1]!);
    expect(windows.current()).toBe(second);
    expect(windows.get(created[1]!.webContents.id)).toBe(second);
  });

  it('keeps dirty apart from the title: any name, any order', () => {
    const { windows, created } = setup();
    const entry = windows.create();
    const id = created[0]!.webContents.id;
    windows.ipc.setDirty(id, true);
    expect(entry.dirty).toBe(true);
    expect(created[0]!.title).toBe('• Untitled.graph — Chainrule');
    windows.ipc.setTitle(id, 'line\nbreak.graph');
    expect(entry.name).toBe('line\nbreak.graph');
    expect(created[0]!.title).toBe('• line␊break.graph — Chainrule');
    windows.ipc.setDirty(id, false);
    expect(created[0]!.title).toBe('line␊break.graph — Chainrule');
  });

  it('marks the macOS close button as edited', () => {
    const { windows, created } = setup('darwin');
    windows.create();
    windows.ipc.setDirty(created[0]!.webContents.id, true);
    expect(created[0]!.edited).toBe(true);
    expect(created[0]!.title).toBe('Untitled.graph — Edited');
  });

  it('asks the renderer before closing a dirty window, and closes only on its yes', async () => {
    const { windows, created, saved } = setup();
    const entry = windows.create();
    const window = created[0]!;
    windows.ipc.setDirty(window.webContents.id, true);
    window.close();
    expect(window.closed).toBe(false);
    const [channel, requestId] = window.webContents.sent.at(-1) as [string, number];
    expect(channel).toBe('window:close-request');
    windows.ipc.closeResponse(requestId, false);
    await settle();
    expect(window.closed).toBe(false);
    window.close();
    const [, second] = window.webContents.sent.at(-1) as [string, number];
    windows.ipc.closeResponse(second, true);
    await settle();
    expect(window.closed).toBe(true);
    expect(windows.all()).not.toContain(entry);
    expect(JSON.parse(saved[0]!)).toMatchObject({ width: 800, height: 600 });
  });

  it('a crashed renderer cannot block closing', async () => {
    const { windows, created } = setup();
    windows.create();
    const window = created[0]!;
    windows.ipc.setDirty(window.webContents.id, true);
    window.close();
    window.webContents.crash();
    await settle();
    expect(window.closed).toBe(true);
  });

  it('queues external opens until the renderer listens, then delivers them in order', () => {
    const { windows, created } = setup();
    const entry = windows.create();
    const window = created[0]!;
    windows.deliverExternal(entry, { kind: 'failed', message: 'one' });
    windows.deliverExternal(entry, { kind: 'cancelled' });
    expect(window.webContents.sent).toEqual([]);
    expect(window.focused).toBe(2);
    windows.ipc.rendererReady(window.webContents.id);
    windows.ipc.rendererReady(window.webContents.id);
    expect(window.webContents.sent).toEqual([
      ['document:external-open', { kind: 'failed', message: 'one' }],
      ['document:external-open', { kind: 'cancelled' }],
    ]);
  });

  it('performs native edits on the caller’s page and ignores unknown windows', () => {
    const { windows, created } = setup();
    windows.create();
    windows.ipc.nativeEdit(created[0]!.webContents.id, 'select-all');
    windows.ipc.nativeEdit(9999, 'paste');
    windows.ipc.setTitle(9999, 'x');
    expect(created[0]!.webContents.edits).toEqual(['select-all']);
  });
});
