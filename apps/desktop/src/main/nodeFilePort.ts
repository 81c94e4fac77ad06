import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import type { FilePort } from './fileService';

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
  );
}

/**
 * The real {@link FilePort} on Node's `fs/promises`.
 * @example const files = createFileService({ fs: nodeFilePort(), ... });
 */
export function nodeFilePort(): FilePort {
  return {
    async writeNewFile(file, data, mode) {
      // 'wx' refuses to follow a pre-planted file or symlink at the temp name.
      const handle = await open(file, 'wx', mode ?? 0o666);
      try {
        await handle.writeFile(data, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => rename(from, to),
    unlink: (file) => unlink(file),
    async syncDirectory(dir) {
      // Windows cannot open a directory for fsync; the rename is already as durable as it gets.
      if (process.platform === 'win32') return;
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } catch {
        // Some file systems (network, FUSE) reject fsync on directories; the data is written.
      } finally {
        await handle.close();
      }
    },
    async stat(file) {
      try {
        const info = await stat(file);
        return { size: info.size, isFile: info.isFile(), mode: info.mode };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    readFile: (file) => readFile(file, 'utf8'),
  };
}
