import {
  decodeDocumentBytes,
  documentSizeProblem,
  MAX_DOCUMENT_BYTES,
} from '@chainrule/graph-runtime';
import { nodeFileSystem, type FileSystem } from './fileSystem';
import { sha256Hex, type FileStamp } from './stamp';
import { errorCode } from './problems';

/** Why a document could not be read. @public */
export type ReadProblem = 'missing' | 'not-a-file' | 'too-large' | 'not-utf8' | 'io';

/** What {@link readDocumentFile} returns. @public */
export type ReadDocumentResult =
  | { readonly kind: 'read'; readonly text: string; readonly stamp: FileStamp }
  | {
      readonly kind: 'failed';
      readonly problem: ReadProblem;
      /** The Node error code behind an `io` problem (`EACCES`, …), when there is one. */
      readonly code?: string;
      /** A lower-case clause without the file name, e.g. `the file is not UTF-8 text`. */
      readonly detail: string;
    };

/** Options for {@link readDocumentFile}. @public */
export interface ReadDocumentOptions {
  readonly fs?: FileSystem;
  /** Largest file read, in bytes; default the format's {@link MAX_DOCUMENT_BYTES}. */
  readonly maxBytes?: number;
}

/**
 * Reads a `.graph` file's text without parsing it: refuses anything but a regular file (after
 * following links), anything over the size limit *before* reading it, and bytes that are not
 * UTF-8. Returns the text and the {@link FileStamp} a later save compares against.
 *
 * Parsing is left to the caller on purpose: the app's main process only checks size and
 * encoding, and its renderer parses, so a crafted file can never freeze the windows' menus.
 * @example
 * const read = await readDocumentFile('net.graph');
 * if (read.kind === 'failed') console.error(`net.graph: ${read.detail}`);
 * @public
 */
export async function readDocumentFile(
  file: string,
  options: ReadDocumentOptions = {},
): Promise<ReadDocumentResult> {
  const fs = options.fs ?? nodeFileSystem();
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  try {
    const info = await fs.stat(file);
    if (info === null) return { kind: 'failed', problem: 'missing', detail: 'no such file' };
    if (!info.isFile) {
      return {
        kind: 'failed',
        problem: 'not-a-file',
        detail: info.isDirectory ? 'is a directory, not a .graph file' : 'is not a regular file',
      };
    }
    const sizeProblem = documentSizeProblem(info.size, maxBytes);
    if (sizeProblem !== null) return { kind: 'failed', problem: 'too-large', detail: sizeProblem };
    const bytes = await fs.readFile(file);
    // decodeDocumentBytes re-checks the size: the file may have grown since the stat.
    const decoded = decodeDocumentBytes(bytes, maxBytes);
    if (!decoded.ok) {
      const problem =
        documentSizeProblem(bytes.byteLength, maxBytes) === null ? 'not-utf8' : 'too-large';
      return { kind: 'failed', problem, detail: decoded.message };
    }
    return {
      kind: 'read',
      text: decoded.text,
      stamp: { size: bytes.byteLength, mtimeMs: info.mtimeMs, sha256: await sha256Hex(bytes) },
    };
  } catch (error) {
    const code = errorCode(error);
    return {
      kind: 'failed',
      problem: code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'io',
      ...(code === undefined ? {} : { code }),
      detail: describeReadError(error),
    };
  }
}

/**
 * A clause for a failed read, from the Node error code when there is one (the CLI's wording).
 * @public
 */
export function describeReadError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a .graph file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
