import path from 'node:path';

/**
 * The file-system operations the file service needs, passed in so tests can inject faults
 * (a crash between write and rename, a full disk, a read-only folder) without touching Electron.
 */
export interface FilePort {
  /** Creates `file` exclusively, writes `data`, fsyncs and closes it. */
  writeNewFile(file: string, data: string, mode: number | undefined): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Flushes a directory entry (the rename) to disk; best effort where the OS can't. */
  syncDirectory(dir: string): Promise<void>;
  /** `null` when the file does not exist. */
  stat(file: string): Promise<{ size: number; isFile: boolean; mode: number } | null>;
  readFile(file: string): Promise<string>;
}

/** Checks a document's text; a failure carries the loader's message (with location). */
export type DocumentCheck = (text: string) => { ok: true } | { ok: false; message: string };

/** Outcome of reading a document from disk. */
export type ReadDocumentResult =
  { kind: 'read'; path: string; name: string; text: string } | { kind: 'failed'; message: string };

/** Outcome of writing a document to disk. */
export type WriteDocumentResult =
  { kind: 'written'; path: string; name: string } | { kind: 'failed'; message: string };

/** What the file service needs from the outside world. */
export interface FileServiceOptions {
  readonly fs: FilePort;
  readonly checkDocument: DocumentCheck;
  /** Largest file it will read, in bytes. */
  readonly maxBytes: number;
  /** Produces a unique suffix for temp files (injected so tests are deterministic). */
  readonly uniqueSuffix: () => string;
}

/** Reads and writes `.graph` documents: atomic saves, bounded and validated reads. */
export interface FileService {
  read(file: string): Promise<ReadDocumentResult>;
  write(file: string, text: string): Promise<WriteDocumentResult>;
}

/** File extension of Chainrule documents. */
export const GRAPH_EXTENSION = '.graph';

/** True when `file` names a `.graph` file (case-insensitive, as Windows and macOS users expect). */
export function hasGraphExtension(file: string): boolean {
  return path.extname(file).toLowerCase() === GRAPH_EXTENSION;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Turns a Node error into a sentence a person can act on. */
export function describeFileError(error: unknown, verb: 'open' | 'save', name: string): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return `You don't have permission to ${verb} “${name}”.`;
    case 'EROFS':
      return `Couldn't ${verb} “${name}”: the location is read-only.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Couldn't ${verb} “${name}”: the disk is full.`;
    case 'ENOENT':
      return verb === 'open'
        ? `“${name}” no longer exists.`
        : `Couldn't save “${name}”: its folder no longer exists.`;
    case 'EISDIR':
      return `“${name}” is a folder, not a document.`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `Couldn't ${verb} “${name}”: ${detail}`;
    }
  }
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Creates the file service.
 *
 * Save is atomic: the text goes to a temp file in the *same* folder (so the rename cannot cross
 * file systems), which is fsynced before being renamed over the target; then the folder is
 * fsynced so the rename itself survives a power cut. Until the rename, the old file is
 * untouched, so a crash or a full disk mid-save loses nothing.
 *
 * @example
 * const files = createFileService({ fs: nodeFilePort(), checkDocument, maxBytes, uniqueSuffix });
 * const result = await files.write('/home/me/net.graph', text);
 */
export function createFileService(options: FileServiceOptions): FileService {
  const { fs, checkDocument, maxBytes, uniqueSuffix } = options;

  async function read(file: string): Promise<ReadDocumentResult> {
    const name = path.basename(file);
    try {
      const info = await fs.stat(file);
      if (info === null) return { kind: 'failed', message: `“${name}” no longer exists.` };
      if (!info.isFile) return { kind: 'failed', message: `“${name}” is not a document file.` };
      if (info.size > maxBytes) {
        return {
          kind: 'failed',
          message: `“${name}” is too large to open (${formatSize(info.size)}; the limit is ${formatSize(maxBytes)}).`,
        };
      }
      const text = await fs.readFile(file);
      // The file may have grown between stat and read.
      if (text.length > maxBytes) {
        return { kind: 'failed', message: `“${name}” is too large to open.` };
      }
      const check = checkDocument(text);
      if (!check.ok)
        return { kind: 'failed', message: `Couldn't open “${name}”: ${check.message}` };
      return { kind: 'read', path: file, name, text };
    } catch (error) {
      return { kind: 'failed', message: describeFileError(error, 'open', name) };
    }
  }

  async function write(file: string, text: string): Promise<WriteDocumentResult> {
    const name = path.basename(file);
    const dir = path.dirname(file);
    // Dot-prefixed so file managers hide it if a crash leaves it behind.
    const temp = path.join(dir, `.${name}.${uniqueSuffix()}.tmp`);
    let tempCreated = false;
    try {
      const existing = await fs.stat(file);
      if (existing !== null && !existing.isFile) {
        return { kind: 'failed', message: `“${name}” is a folder, not a document.` };
      }
      // Keep the permissions of the file being replaced.
      const mode = existing === null ? undefined : existing.mode & 0o777;
      tempCreated = true;
      await fs.writeNewFile(temp, text, mode);
      await fs.rename(temp, file);
      tempCreated = false;
      await fs.syncDirectory(dir);
      return { kind: 'written', path: file, name };
    } catch (error) {
      if (tempCreated) {
        try {
          await fs.unlink(temp);
        } catch {
          // Nothing more to do: the temp file never existed or is already gone.
        }
      }
      return { kind: 'failed', message: describeFileError(error, 'save', name) };
    }
  }

  return { read, write };
}
