import type { DocumentRef } from '../shared/documentContract';

/**
 * Main's table of opaque {@link DocumentRef}s: the renderer holds a ref, only main knows the path
 * behind it, so a compromised renderer cannot name a file to read or write.
 */
export interface DocumentRefs {
  /** The ref for `file`, reusing the existing one if the file was handed out before. */
  issue(file: string): DocumentRef;
  /** The path behind `ref`, or `undefined` for a ref main never issued. */
  resolve(ref: DocumentRef): string | undefined;
}

/**
 * Creates a ref table; `randomUUID` is injected so tests are deterministic.
 * @example const refs = createDocumentRefs(() => crypto.randomUUID());
 */
export function createDocumentRefs(randomUUID: () => string): DocumentRefs {
  const pathByRef = new Map<string, string>();
  const refByPath = new Map<string, DocumentRef>();
  return {
    issue(file) {
      const existing = refByPath.get(file);
      if (existing !== undefined) return existing;
      const ref = `doc-${randomUUID()}` as DocumentRef;
      pathByRef.set(ref, file);
      refByPath.set(file, ref);
      return ref;
    },
    resolve: (ref) => pathByRef.get(ref),
  };
}
