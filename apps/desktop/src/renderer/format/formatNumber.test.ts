import { describe, expect, it } from 'vitest';
import { formatFull, parseNumberInput } from './formatNumber';

describe('formatFull', () => {
  it('shows the exact value for the hover title', () => {
    expect(formatFull(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatFull(-0)).toBe('-0');
  });
});

describe('parseNumberInput', () => {
  it('accepts what people type', () => {
    expect(parseNumberInput('5')).toBe(5);
    expect(parseNumberInput(' -2.5 ')).toBe(-2.5);
    expect(parseNumberInput('+3')).toBe(3);
    expect(parseNumberInput('\u22124')).toBe(-4);
    expect(parseNumberInput('1e-3')).toBe(0.001);
    expect(parseNumberInput('.5')).toBe(0.5);
    expect(parseNumberInput('2,5')).toBe(2.5);
  });

  it('refuses what is not a finite number', () => {
    for (const text of ['', '-', '.', 'abc', '1e400', '5x', '1.2.3', 'Infinity', 'NaN', '0x10']) {
      expect(parseNumberInput(text), text).toBeNull();
    }
  });
});
