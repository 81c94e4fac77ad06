import { expressionToGraph } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { caretLines } from './caret';

const caretFor = (source: string) => {
  const result = expressionToGraph(source, { registry: standardRegistry });
  if (result.ok) throw new Error('expected an error');
  return caretLines(source, result.error);
};

describe('caretLines', () => {
  it('puts the caret under an unknown function, the whole name underlined', () => {
    const { line, caret } = caretFor('a = 1\nJ = 3*sigmod(a)');
    expect(line).toBe('J = 3*sigmod(a)');
    expect(caret).toBe('      ^^^^^^');
    expect(line.slice(caret.indexOf('^'), caret.length)).toBe('sigmod');
  });

  it('points just past the end of a line where a value is missing', () => {
    const { line, caret } = caretFor('J = 3*(a + ');
    expect(caret.indexOf('^')).toBeGreaterThanOrEqual(line.trimEnd().length);
  });

  it('keeps tabs so the caret lines up with the character after them', () => {
    expect(caretLines('\tJ = a $ b', { line: 1, column: 8, length: 1 }).caret).toBe('\t      ^');
  });
});
