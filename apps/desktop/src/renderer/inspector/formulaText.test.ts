import { describe, expect, it } from 'vitest';
import { formulaChain, saysSomething } from './formulaText';

describe('formulaChain', () => {
  it('drops a step that repeats the one before it', () => {
    expect(formulaChain(['J', 'x²', 'x²', '9'])).toBe('J = x² = 9');
    expect(formulaChain(['u', '3', '3'])).toBe('u = 3');
    expect(formulaChain(['x', 'x'])).toBe('x');
  });

  it('keeps every step that says something new', () => {
    expect(formulaChain(['u', 'b · c', '3 · 2', '6'])).toBe('u = b · c = 3 · 2 = 6');
  });
});

describe('saysSomething', () => {
  it('is false for with x = x and for an unconnected port', () => {
    expect(saysSomething('x', 'x')).toBe(false);
    expect(saysSomething('x', undefined)).toBe(false);
    expect(saysSomething('a', 'u')).toBe(true);
  });
});
