import path from 'node:path';
import type { RecoverySnapshot } from '../shared/documentContract';
import { isRecoverySnapshot } from '../shared/ipc';
import type { InvokeHandlers } from './ipcRouter';

/** The file operations the recovery store uses (Node's `fs/promises` in the app, a folder in tests). */
export interface RecoveryFiles {
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<string>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  /** Writes atomically (`@chainrule/files`' saveFile): a crash mid-write keeps the old file. */
  writeAtomic(file: string, text: string): Promise<{ ok: true } | { ok: false; detail: string }>;
}

/** Options for {@link createRecoveryStore}. */
export interface RecoveryStoreOptions {
  /** The recovery folder, e.g. `<userData>/recovery`. */
  readonly dir: () => string;
  readonly files: RecoveryFiles;
  /** A fresh unique id for a window's recovery file. */
  readonly newId: () => string;
  readonly warn?: (message: string) => void;
}

/** The invoke channels the recovery store answers. */
export type RecoveryChannel = 'recovery:read' | 'recovery:write' | 'recovery:clear';

/** Autosave files in main: one per window, kept until its document is saved, discarded or closed. */
export interface RecoveryStore {
  readonly invoke: Pick<InvokeHandlers, RecoveryChannel>;
  /** A window closed normally (its document was saved or discarded): its file goes. */
  windowClosed(webContentsId: number): Promise<void>;
}

const FORMAT = 'chainrule.recovery';
const FILE_PATTERN = /^recovery-[0-9a-f-]{1,64}\.json$/;

/**
 * Where each window's unsaved work is autosaved, so a crash loses at most a few seconds. Each
 * window writes its own file `recovery-<id>.json` (atomically, through `@chainrule/files`). A
 * window asking to read gets its own file after a reload, or else adopts the newest file no open
 * window owns: the one left behind by a crash. The file goes when the document is saved or
 * discarded (the renderer says so) or when the window closes normally.
 *
 * What is read back from disk is validated like an IPC argument: a damaged or foreign file is
 * ignored, never handed to the renderer.
 *
 * @example const recovery = createRecoveryStore({ dir: () => join(userData, 'recovery'), files, newId: randomUUID });
 */
export function createRecoveryStore(options: RecoveryStoreOptions): RecoveryStore {
  const { files, warn = () => undefined } = options;
  /** webContents id → the file it writes. */
  const owned = new Map<number, string>();
  const fileOf = (name: string): string => path.join(options.dir(), name);

  const readSnapshot = async (name: string): Promise<RecoverySnapshot | null> => {
    try {
      const data: unknown = JSON.parse(await files.readFile(fileOf(name)));
      if (typeof data !== 'object' || data === null) return null;
      const { format, ...snapshot } = data as Record<string, unknown>;
      return format === FORMAT && isRecoverySnapshot(snapshot) ? snapshot : null;
    } catch {
      return null;
    }
  };

  /** The newest valid recovery file that no open window owns, if any. */
  const newestOrphan = async (): Promise<{ name: string; snapshot: RecoverySnapshot } | null> => {
    let names: string[];
    try {
      names = await files.readdir(options.dir());
    } catch {
      return null;
    }
    const taken = new Set(owned.values());
    let best: { name: string; snapshot: RecoverySnapshot } | null = null;
    for (const name of names) {
      if (!FILE_PATTERN.test(name) || taken.has(name)) continue;
      const snapshot = await readSnapshot(name);
      if (snapshot && (best === null || snapshot.savedAt > best.snapshot.savedAt))
        best = { name, snapshot };
    }
    return best;
  };

  const remove = async (webContentsId: number): Promise<void> => {
    const name = owned.get(webContentsId);
    if (name === undefined) return;
    try {
      await files.unlink(fileOf(name));
    } catch {
      // Already gone: nothing to recover, which is what was asked.
    }
  };

  return {
    invoke: {
      async 'recovery:read'(caller) {
        const mine = owned.get(caller.webContentsId);
        if (mine !== undefined) return readSnapshot(mine);
        const orphan = await newestOrphan();
        if (orphan === null) return null;
        // Adopted: this window's autosaves now replace it, so a second crash loses nothing.
        owned.set(caller.webContentsId, orphan.name);
        return orphan.snapshot;
      },
      async 'recovery:write'(caller, snapshot) {
        let name = owned.get(caller.webContentsId);
        if (name === undefined) {
          name = `recovery-${options.newId()}.json`;
          owned.set(caller.webContentsId, name);
        }
        await files.mkdir(options.dir());
        const text = JSON.stringify({ format: FORMAT, ...snapshot });
        const result = await files.writeAtomic(fileOf(name), text);
        if (!result.ok) {
          warn(`Autosave not written: ${result.detail}`);
          throw new Error(`Autosave not written: ${result.detail}`);
        }
      },
      async 'recovery:clear'(caller) {
        await remove(caller.webContentsId);
      },
    },
    async windowClosed(webContentsId) {
      await remove(webContentsId);
      owned.delete(webContentsId);
    },
  };
}
