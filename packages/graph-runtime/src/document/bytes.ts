import { MAX_DOCUMENT_BYTES } from './types';

/**
 * How many bytes `text` takes as UTF-8, without encoding it. A lone surrogate counts 3 bytes
 * (it is written as U+FFFD), a pair 4. Stops counting once past `stopAfter`.
 * @example utf8ByteLength('ü✓') // 5
 * @public
 */
export const utf8ByteLength = (text: string, stopAfter = Number.POSITIVE_INFINITY): number => {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
};

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/**
 * The sentence for a document of `bytes` bytes, or `null` when it is within `maxBytes`.
 * The CLI, the loader and the app all say this one sentence.
 * @example documentSizeProblem(70 * 1024 * 1024) // 'the file is 70.0 MiB, larger than the 64.0 MiB a .graph file may be'
 * @public
 */
export const documentSizeProblem = (
  bytes: number,
  maxBytes: number = MAX_DOCUMENT_BYTES,
): string | null =>
  bytes <= maxBytes
    ? null
    : `the file is ${mib(bytes)}, larger than the ${mib(maxBytes)} a .graph file may be`;

/**
 * The sentence for text that is too large to save as a `.graph` file, or `null` when it fits.
 * Checked before writing, so the app never saves a file it would refuse to open.
 * @public
 */
export const documentTextSizeProblem = (
  text: string,
  maxBytes: number = MAX_DOCUMENT_BYTES,
): string | null => {
  // Every UTF-16 unit is at least one byte and at most three: skip counting when it cannot matter.
  if (text.length * 3 <= maxBytes) return null;
  return documentSizeProblem(utf8ByteLength(text, maxBytes), maxBytes);
};

/** The sentence for bytes that are not UTF-8. @public */
export const NOT_UTF8_MESSAGE = 'the file is not UTF-8 text';

/** What {@link decodeDocumentBytes} returns. @public */
export type DecodeDocumentResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Decodes a `.graph` file's bytes: refuses more than `maxBytes`, and anything that is not valid
 * UTF-8 (a Latin-1 file would otherwise turn into U+FFFD and be saved over with them). A leading
 * byte-order mark is dropped. Works in Node and in browsers alike.
 * @example decodeDocumentBytes(new Uint8Array([0xe9])) // { ok: false, message: 'the file is not UTF-8 text' }
 * @public
 */
export const decodeDocumentBytes = (
  bytes: Uint8Array,
  maxBytes: number = MAX_DOCUMENT_BYTES,
): DecodeDocumentResult => {
  const tooLarge = documentSizeProblem(bytes.byteLength, maxBytes);
  if (tooLarge !== null) return { ok: false, message: tooLarge };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: NOT_UTF8_MESSAGE };
  }
};
