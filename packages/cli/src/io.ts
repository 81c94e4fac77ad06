import { readDocumentFile } from '@chainrule/files';
import type { CliIO } from './command';

/**
 * Reads a `.graph` file's text with the same checks as the desktop app (`@chainrule/files`):
 * files over the format's one limit (`MAX_DOCUMENT_BYTES`, 64 MiB) are refused before being read (so a stray
 * multi-gigabyte file is not pulled into memory), and so are bytes that are not UTF-8.
 * Throws an `Error` whose message is the clause the CLI prints after the file name.
 * @public
 */
export const readTextFile = async (path: string): Promise<string> => {
  const read = await readDocumentFile(path);
  if (read.kind === 'read') return read.text;
  throw Object.assign(new Error(read.detail), read.code === undefined ? {} : { code: read.code });
};

/** The real process's IO: stdout, stderr and the file system. @public */
export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: readTextFile,
  now: () => performance.now(),
});
