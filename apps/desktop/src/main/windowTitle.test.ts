import { describe, expect, it } from 'vitest';
import { formatWindowTitle } from '../shared/windowTitle';
import { suggestedFileName } from './windowTitle';

describe('window title', () => {
  it('shows the name and a dirty marker', () => {
    expect(formatWindowTitle('net.graph', false, 'linux')).toBe('net.graph — Chainrule');
    expect(formatWindowTitle('net.graph', true, 'win32')).toBe('• net.graph — Chainrule');
    expect(formatWindowTitle('net.graph', true, 'darwin')).toBe('net.graph — Edited');
    expect(formatWindowTitle('net.graph', false, 'darwin')).toBe('net.graph');
  });
});

describe('suggestedFileName', () => {
  it('keeps good names and adds the extension', () => {
    expect(suggestedFileName('seed.graph')).toBe('seed.graph');
    expect(suggestedFileName('My net')).toBe('My net.graph');
  });
  it('removes separators and characters file systems forbid', () => {
    expect(suggestedFileName('../../etc/passwd')).toBe('-..-etc-passwd.graph');
    expect(suggestedFileName('a\\b:c*?"<>|')).toBe('a-b-c------.graph');
    expect(suggestedFileName('   ')).toBe('Untitled.graph');
    expect(suggestedFileName('.hidden')).toBe('hidden.graph');
  });
});
