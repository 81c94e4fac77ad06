import { describe, expect, it } from 'vitest';
import { formatWindowTitle } from '../shared/windowTitle';
import { hasGraphExtension, suggestedFileName, withGraphExtension } from './fileNames';

describe('window title', () => {
  it('shows the name and a dirty marker', () => {
    expect(formatWindowTitle('net.graph', false, 'linux')).toBe('net.graph — Chainrule');
    expect(formatWindowTitle('net.graph', true, 'win32')).toBe('• net.graph — Chainrule');
    expect(formatWindowTitle('net.graph', true, 'darwin')).toBe('net.graph — Edited');
    expect(formatWindowTitle('net.graph', false, 'darwin')).toBe('net.graph');
  });

  it('shows control characters as symbols and isolates right-to-left names', () => {
    expect(formatWindowTitle('a\tb\u007f.graph', false, 'linux')).toBe('a␉b␡.graph — Chainrule');
    expect(formatWindowTitle('\u202egnp.graph', true, 'linux')).toBe(
      '• \u2068\u202egnp.graph\u2069 — Chainrule',
    );
  });
});

describe('suggestedFileName', () => {
  it('keeps good names and adds the extension', () => {
    expect(suggestedFileName('seed.graph', 'linux')).toBe('seed.graph');
    expect(suggestedFileName('My net', 'linux')).toBe('My net.graph');
  });

  it('replaces only what the platform forbids, so Linux names round-trip', () => {
    expect(suggestedFileName('tab\there.graph', 'linux')).toBe('tab\there.graph');
    expect(suggestedFileName('a:b*?.graph', 'linux')).toBe('a:b*?.graph');
    expect(suggestedFileName('a:b.graph', 'darwin')).toBe('a-b.graph');
    expect(suggestedFileName('../../etc/passwd', 'linux')).toBe('-..-etc-passwd.graph');
    expect(suggestedFileName('a\\b:c*?"<>|\t', 'win32')).toBe('a-b-c-------.graph');
    expect(suggestedFileName('   ', 'linux')).toBe('Untitled.graph');
    expect(suggestedFileName('.hidden', 'linux')).toBe('hidden.graph');
  });

  it('stays within 255 bytes, cutting on a character boundary', () => {
    const name = suggestedFileName('😀'.repeat(100), 'linux');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('😀.graph')).toBe(true);
  });
});

describe('the .graph extension', () => {
  it('is added when a Save dialog left it off, and recognised in any case', () => {
    expect(withGraphExtension('/home/me/net')).toBe('/home/me/net.graph');
    expect(withGraphExtension('/home/me/net.GRAPH')).toBe('/home/me/net.GRAPH');
    expect(withGraphExtension('/home/me/net.json')).toBe('/home/me/net.json.graph');
    expect(hasGraphExtension('/a/b.Graph')).toBe(true);
  });
});
