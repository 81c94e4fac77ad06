import type { Stats } from 'node:fs';
import { chown, lstat, open, readFile, readlink, rename, stat, unlink } from 'node:fs/promises';

/** What the file code needs to know about a file or folder. @public */
export interface FileInfo {
  readonly size: number;
  readonly mtimeMs: number;
  /** Type and permission bits, as `stat` gives them. */
  readonly mode: number;
  /** Number of hard links: more than one means other names share this file's content. */
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
}

/**
 * The file-system operations saving and reading need, passed in so tests can inject faults (a
 * full disk halfway through, a folder that refuses new files) on top of the real file system.
 * @public
 */
export interface FileSystem {
  /** Follows links; `null` when nothing is there. */
  stat(file: string): Promise<FileInfo | null>;
  /** Does not follow a link in the last component; `null` when nothing is there. */
  lstat(file: string): Promise<FileInfo | null>;
  readlink(file: string): Promise<string>;
  readFile(file: string): Promise<Uint8Array>;
  /**
   * Creates `file` (refusing to follow anything already there), writes `data`, sets `mode`
   * exactly (not filtered by the umask; `undefined`: a new file's default), fsyncs, closes it.
   */
  createExclusive(file: string, data: Uint8Array, mode: number | undefined): Promise<void>;
  /** Rewrites an existing file's content in place (same inode), truncates and fsyncs it. */
  overwriteInPlace(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Gives `file` the owner of the file it replaces; may fail where the OS forbids it. */
  chown(file: string, uid: number, gid: number): Promise<void>;
  /** Flushes a folder's entries (a rename) to disk; best effort where the OS can't. */
  syncDirectory(dir: string): Promise<void>;
}

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: unknown }).code === 'ENOENT' ||
    (error as { code?: unknown }).code === 'ENOTDIR');

const info = (stats: Stats): FileInfo => ({
  size: stats.size,
  mtimeMs: stats.mtimeMs,
  mode: stats.mode,
  nlink: stats.nlink,
  uid: stats.uid,
  gid: stats.gid,
  isFile: stats.isFile(),
  isDirectory: stats.isDirectory(),
  isSymbolicLink: stats.isSymbolicLink(),
});

const orNull = async (read: () => Promise<FileInfo>): Promise<FileInfo | null> => {
  try {
    return await read();
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
};

/**
 * The real {@link FileSystem} on Node's `fs/promises`.
 * @example const result = await saveFile('/home/me/net.graph', text, { fs: nodeFileSystem() });
 * @public
 */
export function nodeFileSystem(): FileSystem {
  return {
    stat: (file) => orNull(async () => info(await stat(file))),
    lstat: (file) => orNull(async () => info(await lstat(file))),
    readlink: (file) => readlink(file),
    readFile: (file) => readFile(file),
    async createExclusive(file, data, mode) {
      // 'wx' refuses to follow a pre-planted file or symlink at the temporary name.
      const handle = await open(file, 'wx', mode === undefined ? 0o666 : 0o600);
      try {
        await handle.writeFile(data);
        // open's mode passes through the umask (0664 would become 0644); chmod does not.
        if (mode !== undefined) await handle.chmod(mode);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async overwriteInPlace(file, data) {
      const handle = await open(file, 'r+');
      try {
        let written = 0;
        while (written < data.byteLength) {
          const { bytesWritten } = await handle.write(
            data,
            written,
            data.byteLength - written,
            written,
          );
          written += bytesWritten;
        }
        await handle.truncate(data.byteLength);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => rename(from, to),
    unlink: (file) => unlink(file),
    chown: (file, uid, gid) => chown(file, uid, gid),
    async syncDirectory(dir) {
      // Windows cannot open a folder for fsync; the rename is as durable as it gets there.
      if (process.platform === 'win32') return;
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } catch {
        // Some file systems (network, FUSE) refuse fsync on folders; the data itself is synced.
      } finally {
        await handle.close();
      }
    },
  };
}
