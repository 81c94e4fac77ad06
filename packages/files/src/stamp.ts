import { createHash } from 'node:crypto';

/**
 * What a file was like when it was read or written: size and modification time (cheap to
 * compare) and a SHA-256 of its bytes (decides when the cheap checks cannot, e.g. two writes
 * within one tick of a coarse clock, or a file touched without being changed).
 * @public
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** Hash this many bytes, then let other work run: a 64 MiB file never blocks the loop for long. */
const HASH_CHUNK = 1024 * 1024;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * SHA-256 of `bytes` as hex, computed in chunks that yield to the event loop between them.
 * @example await sha256Hex(new TextEncoder().encode('abc')) // 'ba7816bf…'
 * @public
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let start = 0; start < bytes.byteLength; start += HASH_CHUNK) {
    if (start > 0) await yieldToLoop();
    hash.update(bytes.subarray(start, start + HASH_CHUNK));
  }
  return hash.digest('hex');
}

/**
 * Whether the file now on disk (described by `size`, `mtimeMs` and, lazily, its bytes) differs
 * from `stamp`. A different size is a change; otherwise the hash decides, so a file touched but
 * unchanged is not reported, and a same-size rewrite within the clock's resolution is.
 * @public
 */
export async function differsFromStamp(
  stamp: FileStamp,
  now: { readonly size: number; readonly mtimeMs: number },
  readBytes: () => Promise<Uint8Array>,
): Promise<boolean> {
  if (now.size !== stamp.size) return true;
  return (await sha256Hex(await readBytes())) !== stamp.sha256;
}
