import { describe, expect, it } from 'vitest';
import { extractUiSection, keepUiSection, replaceUiSection } from './uiSection';

describe('the UI section of docs/benchmarks.md', () => {
  it('is appended once, then replaced in place', () => {
    const first = replaceUiSection('# Benchmarks\n\nengine tables\n', '## UI\n\nrun 1\n');
    expect(first).toContain('engine tables');
    expect(extractUiSection(first)).toContain('run 1');
    const second = replaceUiSection(first, '## UI\n\nrun 2 costs $1\n');
    expect(second).not.toContain('run 1');
    expect(second).toContain('run 2 costs $1');
    expect(second.match(/bench:ui:start/g)).toHaveLength(1);
  });

  it('survives the engine bench rewriting the file', () => {
    const previous = replaceUiSection('# old engine numbers\n', '## UI\n\nkept\n');
    const rewritten = keepUiSection(previous, '# Benchmarks\n\nnew engine numbers\n');
    expect(rewritten).toContain('new engine numbers');
    expect(rewritten).not.toContain('old engine numbers');
    expect(extractUiSection(rewritten)).toContain('kept');
    expect(keepUiSection(null, '# fresh\n')).toBe('# fresh\n');
  });
});
