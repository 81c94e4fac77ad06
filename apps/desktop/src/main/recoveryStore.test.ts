import { mkdtemp, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveFile } from '@chainrule/files';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecoverySnapshot } from '../shared/documentContract';
import type { IpcEventLike, InvokeHandlers } from './ipcRouter';
import { registerIpc } from './ipcRouter';
import { createRecoveryStore } from './recoveryStore';

/**
 * The recovery store in main, on the real file system and through the real IPC router, so every
 * call meets the contract's guards as it does in the app.
 */

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'chainrule-recovery-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const dir = () => path.join(root, 'recovery');
const files = {
  readdir: (folder: string) => readdir(folder),
  readFile: (file: string) => readFile(file, 'utf8'),
  unlink: (file: string) => unlink(file),
  mkdir: async (folder: string) => void (await mkdir(folder, { recursive: true })),
  async writeAtomic(file: string, text: string) {
    const result = await saveFile(file, text);
    return result.kind === 'failed'
      ? { ok: false as const, detail: result.detail }
      : { ok: true as const };
  },
};

/** One app run: a recovery store behind the router; `call(windowId, channel, ...args)`. */
const start = () => {
  let ids = 0;
  const recovery = createRecoveryStore({ dir, files, newId: () => `0000000${++ids}` });
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const refuse = async () => {
    throw new Error('not under test');
  };
  const invoke: InvokeHandlers = {
    'document:open': refuse,
    'document:save': refuse,
    'document:save-as': refuse,
    'document:confirm-unsaved': refuse,
    ...recovery.invoke,
  };
  registerIpc({
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener), on: () => {} },
    isTrustedUrl: (url) => url.startsWith('app://chainrule/'),
    invoke,
    send: {} as never,
  });
  const call = async (windowId: number, channel: string, ...args: unknown[]) =>
    handlers.get(channel)!(
      {
        sender: { id: windowId },
        senderFrame: { url: 'app://chainrule/index.html', parent: null },
      },
      ...args,
    );
  return { recovery, call };
};

const snapshot = (text: string, savedAt = 1_000): RecoverySnapshot => ({
  name: 'seed.graph',
  text,
  savedAt,
});

describe('recovery store (main)', () => {
  it('gives a crashed window’s autosave to the next run, once', async () => {
    const first = start();
    expect(await first.call(1, 'recovery:read')).toBeNull();
    await first.call(1, 'recovery:write', snapshot('{"v":1}'));
    await first.call(1, 'recovery:write', snapshot('{"v":2}', 2_000));
    // One file per window, replaced atomically (no temporary files left beside it).
    expect(await readdir(dir())).toEqual(['recovery-00000001.json']);

    // The app crashes (no close); the next run's first window gets the newest autosave.
    const second = start();
    expect(await second.call(5, 'recovery:read')).toEqual(snapshot('{"v":2}', 2_000));
    // Another window of that run does not get the same one offered twice.
    expect(await second.call(6, 'recovery:read')).toBeNull();
    // A reload of the adopting window reads it again, and its autosaves replace it.
    expect(await second.call(5, 'recovery:read')).toEqual(snapshot('{"v":2}', 2_000));
    await second.call(5, 'recovery:write', snapshot('{"v":3}', 3_000));
    expect(await readdir(dir())).toEqual(['recovery-00000001.json']);
  });

  it('forgets the autosave when the document is saved or discarded, or the window closes', async () => {
    const app = start();
    await app.call(1, 'recovery:write', snapshot('a'));
    await app.call(2, 'recovery:write', snapshot('b'));
    expect((await readdir(dir())).sort()).toHaveLength(2);
    await app.call(1, 'recovery:clear');
    await app.recovery.windowClosed(2);
    expect(await readdir(dir())).toEqual([]);
    expect(await start().call(9, 'recovery:read')).toBeNull();
    // Clearing twice (or with nothing written) is fine.
    await app.call(1, 'recovery:clear');
    await app.call(3, 'recovery:clear');
  });

  it('ignores damaged or foreign files in the folder', async () => {
    await mkdir(dir(), { recursive: true });
    await writeFile(path.join(dir(), 'recovery-aaaa.json'), '{ not json');
    await writeFile(
      path.join(dir(), 'recovery-bbbb.json'),
      JSON.stringify({ format: 'chainrule.recovery', name: 'x', text: 'y', savedAt: 1, extra: 1 }),
    );
    await writeFile(path.join(dir(), 'notes.json'), JSON.stringify(snapshot('z')));
    expect(await start().call(1, 'recovery:read')).toBeNull();
  });

  it('refuses malformed snapshots at the IPC guard', async () => {
    const app = start();
    const malformed: unknown[][] = [
      [],
      [null],
      [{ name: '', text: 'x', savedAt: 1 }],
      [{ name: 'a', text: 1, savedAt: 1 }],
      [{ name: 'a', text: 'x', savedAt: Number.NaN }],
      [{ name: 'a', text: 'x', savedAt: 1, path: '/etc/passwd' }],
      [snapshot('x'), 'extra'],
    ];
    for (const args of malformed) {
      await expect(app.call(1, 'recovery:write', ...args)).rejects.toThrow(/malformed arguments/);
    }
    await expect(app.call(1, 'recovery:read', 'x')).rejects.toThrow(/malformed arguments/);
    await expect(readdir(dir())).rejects.toThrow();
  });
});
