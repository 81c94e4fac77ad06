/**
 * A name as it may be shown in a title bar: control characters become their visible symbols
 * (a tab shows as ␉, DEL as ␡) and the name is isolated from the text around it, so a
 * right-to-left mark in a file name cannot reorder the rest of the title. Display only: the
 * name itself is kept exactly, wherever it is used to save or compare.
 * @example displayName('a\tb.graph') // '\u2068a␉b.graph\u2069'
 */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it shows
  const visible = name.replace(/[\u0000-\u001f\u007f]/g, (char) =>
    String.fromCharCode(char === '\u007f' ? 0x2421 : 0x2400 + char.charCodeAt(0)),
  );
  // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, only when the name has bidi content.
  return /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff]/.test(
    visible,
  )
    ? `\u2068${visible}\u2069`
    : visible;
}

/**
 * The window title for a document: its file name, a dirty marker, and the app name. macOS shows
 * "Edited" as its native apps do (the close button's dot comes from `setDocumentEdited`); other
 * platforms, and the browser tab, prefix a bullet as their editors do.
 * @example formatWindowTitle('net.graph', true, 'linux') // '• net.graph — Chainrule'
 */
export function formatWindowTitle(name: string, dirty: boolean, platform: string): string {
  const shown = displayName(name);
  if (platform === 'darwin') return dirty ? `${shown} — Edited` : shown;
  return `${dirty ? '• ' : ''}${shown} — Chainrule`;
}
