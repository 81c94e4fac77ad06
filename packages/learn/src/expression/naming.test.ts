import { describe, expect, it } from 'vitest';
import { intermediateName, intermediateNames, isLiteralSquare } from './naming';

describe('intermediateName', () => {
  it('names intermediates u, v, w, … skipping names in use, then u2, v2, …', () => {
    expect(intermediateName(new Set())).toBe('u');
    expect(intermediateName(new Set(['u', 'w']))).toBe('v');
    const taken = new Set<string>();
    const names = Array.from({ length: 12 }, () => {
      const name = intermediateName(taken);
      taken.add(name);
      return name;
    });
    expect(names.slice(0, 3)).toEqual(['u', 'v', 'w']);
    expect(new Set(names).size).toBe(12);
    expect(names[10]).toBe('u2');
  });

  it('names 100,000 nodes in linear time, each name fresh', () => {
    const taken = new Set(['v', 'u3']);
    const next = intermediateNames(taken);
    const names = Array.from({ length: 100_000 }, next);
    expect(new Set(names).size).toBe(100_000);
    expect(names).not.toContain('v');
    expect(names).not.toContain('u3');
  });
});

describe('isLiteralSquare', () => {
  it('is true only for the constant 2', () => {
    expect(isLiteralSquare({ op: 'const', value: 2 })).toBe(true);
    expect(isLiteralSquare({ op: 'const', value: 3 })).toBe(false);
    expect(isLiteralSquare({ op: 'input', value: 2 })).toBe(false);
  });
});
