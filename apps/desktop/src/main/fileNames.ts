import path from 'node:path';

/** File extension of Chainrule documents. */
export const GRAPH_EXTENSION = '.graph';

/** True when `file` names a `.graph` file (case-insensitive, as Windows and macOS users expect). */
export function hasGraphExtension(file: string): boolean {
  return path.extname(file).toLowerCase() === GRAPH_EXTENSION;
}

/**
 * `file` with `.graph` added when it has no such extension: a Linux save dialog does not add it,
 * and without it Recent files, drag-and-drop and the command line would not take the file back.
 * @example withGraphExtension('/home/me/net') // '/home/me/net.graph'
 */
export function withGraphExtension(file: string): string {
  return hasGraphExtension(file) ? file : `${file}${GRAPH_EXTENSION}`;
}

/** Characters each OS refuses in a file name (besides NUL, which none allows). */
const FORBIDDEN: Readonly<Record<string, RegExp>> = {
  // eslint-disable-next-line no-control-regex -- Windows forbids control characters in names
  win32: /[/\\:*?"<>|\u0000-\u001f]/g,
  // eslint-disable-next-line no-control-regex -- NUL is the one byte no file system takes
  darwin: /[/:\u0000]/g,
};
// eslint-disable-next-line no-control-regex -- NUL is the one byte no file system takes
const POSIX_FORBIDDEN = /[/\u0000]/g;

/** Longest file name in bytes on Linux and macOS (Windows counts 255 UTF-16 units, fewer bytes). */
const MAX_NAME_BYTES = 255;

function clipToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/**
 * The Save dialog's default file name from the renderer's suggestion. Only what `platform`
 * forbids is replaced, so any name the OS allowed (a tab, an emoji, right-to-left text) comes
 * back as it was; never empty, never hidden, always ending in `.graph`, at most 255 bytes.
 * @example suggestedFileName('a/b: net', 'linux') // 'a-b: net.graph'
 */
export function suggestedFileName(suggestion: string, platform: NodeJS.Platform): string {
  const forbidden = FORBIDDEN[platform] ?? POSIX_FORBIDDEN;
  const cleaned = suggestion.replace(forbidden, '-').replace(/^\.+/, '');
  const base = cleaned.trim() === '' ? 'Untitled' : cleaned;
  if (hasGraphExtension(base)) return clipToBytes(base, MAX_NAME_BYTES);
  return `${clipToBytes(base, MAX_NAME_BYTES - GRAPH_EXTENSION.length)}${GRAPH_EXTENSION}`;
}
