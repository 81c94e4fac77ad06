/** A document command reached by keyboard. */
export type DocumentShortcut = 'save' | 'save-as' | 'open';

/** The keys of a keyboard event that decide a shortcut. */
export type ShortcutKeys = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'
>;

/**
 * The document shortcut a key press means, or `null`: Ctrl/⌘+S saves, Ctrl/⌘+Shift+S saves as,
 * Ctrl/⌘+O opens. They are document commands, not text editing, so they work the same while a
 * value field has focus (unlike Ctrl+Z or Ctrl+A, which belong to the field then).
 * @example documentShortcut({ key: 's', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }) // 'save'
 */
export const documentShortcut = (event: ShortcutKeys): DocumentShortcut | null => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 's') return event.shiftKey ? 'save-as' : 'save';
  if (key === 'o' && !event.shiftKey) return 'open';
  return null;
};
