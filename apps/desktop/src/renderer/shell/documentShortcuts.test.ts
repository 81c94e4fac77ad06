import { describe, expect, it } from 'vitest';
import { documentShortcut } from './documentShortcuts';

const press = (key: string, mods: Partial<Record<'ctrl' | 'meta' | 'alt' | 'shift', boolean>>) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('documentShortcut', () => {
  it('maps Ctrl/⌘+S, Ctrl/⌘+Shift+S and Ctrl/⌘+O to the document commands', () => {
    expect(documentShortcut(press('s', { ctrl: true }))).toBe('save');
    expect(documentShortcut(press('s', { meta: true }))).toBe('save');
    expect(documentShortcut(press('S', { ctrl: true, shift: true }))).toBe('save-as');
    expect(documentShortcut(press('o', { ctrl: true }))).toBe('open');
  });

  it('leaves plain typing and text-editing shortcuts alone', () => {
    expect(documentShortcut(press('s', {}))).toBeNull();
    expect(documentShortcut(press('z', { ctrl: true }))).toBeNull();
    expect(documentShortcut(press('a', { ctrl: true }))).toBeNull();
    expect(documentShortcut(press('s', { ctrl: true, alt: true }))).toBeNull();
  });
});
