import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../shared/documentContract';
import { InvokeChannel, MAX_DOCUMENT_BYTES, MAX_NAME_LENGTH, SendChannel } from '../shared/ipc';
import { isAppUrl } from './appProtocol';
import {
  registerIpc,
  type IpcEventLike,
  type IpcMainLike,
  type IpcRejection,
  type InvokeHandlers,
  type SendHandlers,
} from './ipcRouter';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    on: (channel, listener) => void listeners.set(channel, listener),
  };
  const calls: unknown[][] = [];
  const rejections: [string, IpcRejection][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return { kind: 'cancelled' } as never;
    };
  const invoke: InvokeHandlers = {
    'document:open': record('open'),
    'document:save': record('save'),
    'document:save-as': record('save-as'),
    'document:confirm-unsaved': record('confirm'),
    'recovery:read': record('recovery-read'),
    'recovery:write': record('recovery-write'),
    'recovery:clear': record('recovery-clear'),
  };
  const recordSend =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  const send: SendHandlers = {
    'window:set-title': recordSend('title'),
    'window:set-dirty': recordSend('dirty'),
    'window:close-response': recordSend('close-response'),
    'window:renderer-ready': recordSend('ready'),
    'document:open-dropped': recordSend('dropped'),
    'edit:native': recordSend('edit'),
  };
  registerIpc({
    ipcMain,
    isTrustedUrl: isAppUrl,
    invoke,
    send,
    onRejected: (channel, reason) => rejections.push([channel, reason]),
  });
  const invokeAs = (event: IpcEventLike, channel: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return (async () => handler(event, ...args))();
  };
  const sendAs = (event: IpcEventLike, channel: string, ...args: unknown[]) =>
    listeners.get(channel)?.(event, ...args);
  return { handlers, listeners, calls, rejections, invokeAs, sendAs };
}

const fromApp: IpcEventLike = {
  sender: { id: 7 },
  senderFrame: { url: 'app://chainrule/index.html', parent: null },
};
const ref = 'doc-12345678-1234-1234-1234-123456789abc' as DocumentRef;

describe('IPC router', () => {
  it('registers a handler for every channel in the contract', () => {
    const { handlers, listeners } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(InvokeChannel).sort());
    expect([...listeners.keys()].sort()).toEqual(Object.values(SendChannel).sort());
  });

  it('passes well-formed calls from the app through, with the caller', async () => {
    const { calls, invokeAs, sendAs } = setup();
    await invokeAs(fromApp, 'document:save', ref, 'text', 'net.graph');
    await invokeAs(fromApp, 'document:save', null, '', 'Untitled.graph');
    await invokeAs(fromApp, 'document:open');
    sendAs(fromApp, 'window:set-dirty', true);
    sendAs(fromApp, 'window:set-title', 'net.graph');
    sendAs(fromApp, 'edit:native', 'paste');
    expect(calls).toEqual([
      ['save', { webContentsId: 7 }, ref, 'text', 'net.graph'],
      ['save', { webContentsId: 7 }, null, '', 'Untitled.graph'],
      ['open', { webContentsId: 7 }],
      ['dirty', { webContentsId: 7 }, true],
      ['title', { webContentsId: 7 }, 'net.graph'],
      ['edit', { webContentsId: 7 }, 'paste'],
    ]);
  });

  it('refuses senders that are not our app’s top frame', async () => {
    const { calls, rejections, invokeAs, sendAs } = setup();
    const strangers: IpcEventLike[] = [
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'app://chainrule/index.html', parent: {} } },
      { sender: { id: 7 }, senderFrame: null },
    ];
    for (const event of strangers) {
      await expect(invokeAs(event, 'document:open')).rejects.toThrow(/untrusted sender/);
      sendAs(event, 'window:set-title', 'x.graph');
    }
    expect(calls).toEqual([]);
    expect(rejections.every(([, reason]) => reason === 'untrusted-sender')).toBe(true);
    expect(rejections).toHaveLength(8);
  });

  it('refuses malformed arguments on every invoke channel', async () => {
    const { calls, invokeAs } = setup();
    const malformed: [string, unknown[]][] = [
      ['document:open', ['/etc/passwd']],
      ['document:save', ['/home/me/net.graph', 'text', 'net.graph']],
      ['document:save', ['doc-not-a-uuid', 'text', 'net.graph']],
      ['document:save', [ref, 42, 'net.graph']],
      ['document:save', [ref, 'x'.repeat(MAX_DOCUMENT_BYTES + 1), 'net.graph']],
      ['document:save', [ref, 'text', '']],
      ['document:save', [ref, 'text']],
      ['document:save-as', ['text', 'n'.repeat(MAX_NAME_LENGTH + 1)]],
      ['document:save-as', [{ toString: () => 'text' }, 'net.graph']],
      ['document:confirm-unsaved', []],
      ['document:confirm-unsaved', [null]],
    ];
    for (const [channel, args] of malformed) {
      await expect(
        invokeAs(fromApp, channel, ...args),
        `${channel} ${String(args[0])}`,
      ).rejects.toThrow(/malformed arguments/);
    }
    expect(calls).toEqual([]);
  });

  it('drops malformed fire-and-forget messages', () => {
    const { calls, rejections, sendAs } = setup();
    sendAs(fromApp, 'window:set-title', 'net.graph', true);
    sendAs(fromApp, 'window:set-dirty', 'yes');
    sendAs(fromApp, 'window:close-response', 0, true);
    sendAs(fromApp, 'window:close-response', 1.5, true);
    sendAs(fromApp, 'window:renderer-ready', 'extra');
    sendAs(fromApp, 'document:open-dropped', '');
    sendAs(fromApp, 'document:open-dropped', 'a\u0000b');
    sendAs(fromApp, 'edit:native', 'format-disk');
    expect(calls).toEqual([]);
    expect(rejections).toHaveLength(8);
  });

  it('accepts every name the OS allows: control characters, RTL, emoji, 255-byte names', async () => {
    const { calls, rejections, invokeAs, sendAs } = setup();
    const names = [
      'tab\there.graph',
      'a\nb',
      'del\u007f',
      '\u202egnp.graph',
      '😀',
      'é'.repeat(127),
    ];
    for (const name of names) {
      sendAs(fromApp, 'window:set-title', name);
      await invokeAs(fromApp, 'document:save', ref, 'text', name);
      await invokeAs(fromApp, 'document:save-as', 'text', name);
      await invokeAs(fromApp, 'document:confirm-unsaved', name);
    }
    expect(rejections).toEqual([]);
    expect(calls).toHaveLength(names.length * 4);
  });
});
