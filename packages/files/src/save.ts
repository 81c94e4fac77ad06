import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { nodeFileSystem, type FileInfo, type FileSystem } from './fileSystem';
import { describeWriteError, errorCode } from './problems';
import { differsFromStamp, sha256Hex, type FileStamp } from './stamp';

/** Options for {@link saveFile}. @public */
export interface SaveFileOptions {
  readonly fs?: FileSystem;
  /**
   * The file as it was when the document was opened or last saved. When given, a file that has
   * changed on disk since is not overwritten: the result is `changed-on-disk`.
   */
  readonly expected?: FileStamp;
  /** Overwrite even though the file changed on disk (the person chose Overwrite). */
  readonly overwriteChanged?: boolean;
  /** Overwrite a read-only file, or write into a read-only folder (the person chose to). */
  readonly overwriteReadOnly?: boolean;
  /** A unique suffix for the temporary file; injected so tests are deterministic. */
  readonly uniqueSuffix?: () => string;
}

/** What {@link saveFile} did. @public */
export type SaveFileResult =
  | {
      readonly kind: 'saved';
      /** The file written: the requested path with every symbolic link followed. */
      readonly target: string;
      readonly stamp: FileStamp;
      /**
       * `replaced`: a new file renamed over the old one (atomic); `in-place`: a hard-linked file
       * rewritten in place so every name keeps seeing it; `created`: there was no file.
       */
      readonly method: 'replaced' | 'in-place' | 'created';
    }
  | { readonly kind: 'changed-on-disk'; readonly target: string }
  | { readonly kind: 'read-only'; readonly target: string; readonly where: 'file' | 'folder' }
  | {
      readonly kind: 'failed';
      readonly target: string;
      readonly code?: string;
      /** A clause without the file name, e.g. `the disk is full`. */
      readonly detail: string;
      /** Set when the new content could be kept only in this file next to the target. */
      readonly staged?: string;
    };

/** Linux and macOS refuse longer file names than this many bytes. */
const MAX_NAME_BYTES = 255;
/** Symbolic-link hops followed before giving up, as the kernel does (ELOOP). */
const MAX_LINK_HOPS = 40;

/** Cuts `name` to at most `maxBytes` of UTF-8 on a code-point boundary. */
function clipBytes(name: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return name.slice(0, end);
}

/**
 * The temporary file's name: hidden (a leftover after a crash stays out of the way), next to
 * the target (so the rename never crosses file systems), recognisably the target's, and short
 * enough for the file system even when the target's own name uses all 255 bytes.
 */
export function temporaryName(name: string, suffix: string): string {
  const extra = `.${suffix}.tmp`;
  return `.${clipBytes(name, MAX_NAME_BYTES - 1 - Buffer.byteLength(extra))}${extra}`;
}

/** Follows symbolic links in the last component, so a save writes through to the real file. */
async function followLinks(fs: FileSystem, file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
    const info = await fs.lstat(current);
    if (info === null || !info.isSymbolicLink) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

const readOnly = (info: FileInfo | null): boolean => info !== null && (info.mode & 0o222) === 0;

/**
 * Saves `data` to `file` without ever leaving a half-written or lost document behind:
 *
 * - **Atomic**: the bytes go to a temporary file in the same folder, fsynced, then renamed over
 *   the target, then the folder is fsynced. Until the rename the old file is untouched, so a
 *   crash, a full disk or a vanished folder mid-save loses nothing.
 * - **Links**: a symbolic link is followed and its target saved (the link stays a link).
 *   A hard-linked file is rewritten *in place*, so every name keeps sharing it; before that,
 *   the new content is staged (fsynced) in a temporary file next to it, and if the in-place
 *   write fails the old bytes are written back. Only if that also fails is the staged copy kept,
 *   and its path returned, so some complete version of the document is on disk at every moment.
 * - **Permissions**: the file keeps its mode exactly (not filtered by the umask) and, where the
 *   OS allows, its owner.
 * - **Questions**: a read-only file (or folder) and a file changed on disk since `expected` are
 *   not written; the result says which, so the caller can ask and call again with
 *   `overwriteReadOnly` / `overwriteChanged`. Read-only is judged by the mode bits, so the
 *   question is asked even where the OS would let the write through (as it does for root).
 *
 * @example
 * const result = await saveFile('/home/me/net.graph', text, { expected: stampFromOpen });
 * if (result.kind === 'changed-on-disk') askOverwriteSaveAsOrCancel();
 * @public
 */
export async function saveFile(
  file: string,
  data: string | Uint8Array,
  options: SaveFileOptions = {},
): Promise<SaveFileResult> {
  const fs = options.fs ?? nodeFileSystem();
  const uniqueSuffix = options.uniqueSuffix ?? (() => randomBytes(4).toString('hex'));
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let target = path.resolve(file);
  let temp: string | undefined;
  let tempCreated = false;
  const failed = (error: unknown, staged?: string): SaveFileResult => {
    const code = errorCode(error);
    return {
      kind: 'failed',
      target,
      ...(code === undefined ? {} : { code }),
      detail: describeWriteError(error),
      ...(staged === undefined ? {} : { staged }),
    };
  };
  try {
    target = await followLinks(fs, file);
    const dir = path.dirname(target);
    const existing = await fs.lstat(target);
    if (existing !== null && !existing.isFile) {
      return failed(
        existing.isDirectory
          ? Object.assign(new Error('is a folder'), { code: 'EISDIR' })
          : new Error('it is not a regular file'),
      );
    }
    let current: Uint8Array | undefined;
    const currentBytes = async () => (current ??= await fs.readFile(target));
    if (existing !== null && options.expected !== undefined && options.overwriteChanged !== true) {
      if (await differsFromStamp(options.expected, existing, currentBytes)) {
        return { kind: 'changed-on-disk', target };
      }
    }
    if (options.overwriteReadOnly !== true) {
      if (readOnly(existing)) return { kind: 'read-only', target, where: 'file' };
      if (readOnly(await fs.stat(dir))) return { kind: 'read-only', target, where: 'folder' };
    }

    temp = path.join(dir, temporaryName(path.basename(target), uniqueSuffix()));
    const mode = existing === null ? undefined : existing.mode & 0o7777;
    let method: 'replaced' | 'in-place' | 'created';
    if (existing !== null && existing.nlink > 1) {
      // Hard links: replacing the file would leave the other names on the old content.
      const old = await currentBytes();
      tempCreated = true;
      await fs.createExclusive(temp, bytes, mode);
      try {
        await fs.overwriteInPlace(target, bytes);
      } catch (error) {
        try {
          await fs.overwriteInPlace(target, old);
        } catch {
          tempCreated = false; // keep it: it is the only complete copy of the new content
          return failed(error, temp);
        }
        throw error;
      }
      tempCreated = false;
      await fs.unlink(temp).catch(() => undefined);
      method = 'in-place';
    } else {
      tempCreated = true;
      await fs.createExclusive(temp, bytes, mode);
      if (existing !== null) {
        // Saving as root (or another user) must not take the file away from its owner.
        await fs.chown(temp, existing.uid, existing.gid).catch(() => undefined);
      }
      await fs.rename(temp, target);
      tempCreated = false;
      method = existing === null ? 'created' : 'replaced';
    }
    await fs.syncDirectory(dir);
    const after = await fs.stat(target);
    return {
      kind: 'saved',
      target,
      method,
      stamp: {
        size: bytes.byteLength,
        mtimeMs: after?.mtimeMs ?? Date.now(),
        sha256: await sha256Hex(bytes),
      },
    };
  } catch (error) {
    if (tempCreated && temp !== undefined) await fs.unlink(temp).catch(() => undefined);
    return failed(error);
  }
}
