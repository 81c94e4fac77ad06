import { readFile, stat } from 'node:fs/promises';
import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';
import type { CliIO } from './command';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 text, refusing files over {@link MAX_DOCUMENT_BYTES} before reading them
 * (so a stray multi-gigabyte file is not pulled into memory) and bytes that are not UTF-8.
 * @public
 */
export const readTextFile = async (path: string): Promise<string> => {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (info.size > MAX_DOCUMENT_BYTES) {
    const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    throw new Error(
      `the file is ${mib(info.size)}, larger than the ${mib(MAX_DOCUMENT_BYTES)} a .graph file may be`,
    );
  }
  const bytes = await readFile(path);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 text');
  }
};

/** The real process's IO: stdout, stderr and the file system. @public */
export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: readTextFile,
  now: () => performance.now(),
});
