import type { FileStamp } from '@chainrule/files';
import type { DocumentRef } from '../shared/documentContract';

/** What main knows about a document a window holds: where it is and how it was on disk. */
export interface DocumentEntry {
  readonly path: string;
  /** The file as it was when this window opened or last saved it. */
  readonly stamp: FileStamp;
}

/**
 * Main's table of opaque {@link DocumentRef}s: the renderer holds a ref, only main knows the path
 * behind it, so a compromised renderer cannot name a file to read or write.
 *
 * Every open gets its own ref, even of a file already open elsewhere: each ref remembers the
 * file as *that* window saw it, so a save in one window is a change on disk for the other.
 */
export interface DocumentRefs {
  /** A new ref for `file` as described by `stamp`. */
  issue(file: string, stamp: FileStamp): DocumentRef;
  /** The document behind `ref`, or `undefined` for a ref main never issued. */
  resolve(ref: DocumentRef): DocumentEntry | undefined;
  /** Records what a save through `ref` wrote. */
  update(ref: DocumentRef, stamp: FileStamp): void;
}

/**
 * Creates a ref table; `randomUUID` is injected so tests are deterministic.
 * @example const refs = createDocumentRefs(() => crypto.randomUUID());
 */
export function createDocumentRefs(randomUUID: () => string): DocumentRefs {
  const entries = new Map<string, DocumentEntry>();
  return {
    issue(file, stamp) {
      const ref = `doc-${randomUUID()}` as DocumentRef;
      entries.set(ref, { path: file, stamp });
      return ref;
    },
    resolve: (ref) => entries.get(ref),
    update(ref, stamp) {
      const entry = entries.get(ref);
      if (entry !== undefined) entries.set(ref, { path: entry.path, stamp });
    },
  };
}
