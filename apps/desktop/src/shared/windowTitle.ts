/**
 * The window title for a document: its file name, a dirty marker, and the app name. macOS shows
 * "Edited" as its native apps do (the close button's dot comes from `setDocumentEdited`); other
 * platforms, and the browser tab, prefix a bullet as their editors do.
 * @example formatWindowTitle('net.graph', true, 'linux') // '• net.graph — Chainrule'
 */
export function formatWindowTitle(name: string, dirty: boolean, platform: string): string {
  if (platform === 'darwin') return dirty ? `${name} — Edited` : name;
  return `${dirty ? '• ' : ''}${name} — Chainrule`;
}
