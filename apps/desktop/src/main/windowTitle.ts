// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const UNSAFE_FILE_NAME_CHARACTERS = /[/\\:*?"<>|\u0000-\u001f]/g;

/**
 * A safe default file name for the Save dialog from the renderer's suggestion: no separators or
 * characters Windows forbids, never empty, always ending in `.graph`.
 * @example suggestedFileName('a/b: net') // 'a-b- net.graph'
 */
export function suggestedFileName(suggestion: string): string {
  const cleaned = suggestion.replace(UNSAFE_FILE_NAME_CHARACTERS, '-').trim().replace(/^\.+/, '');
  const base = cleaned === '' ? 'Untitled' : cleaned;
  return base.toLowerCase().endsWith('.graph') ? base : `${base}.graph`;
}
