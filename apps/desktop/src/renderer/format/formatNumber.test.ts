import { describe, expect, it } from 'vitest';
import { formatFull, formatNumber, parseNumberInput } from './formatNumber';

describe('formatNumber', () => {
  it('hides floating-point noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 - 0.9)).toBe('0.1');
    expect(formatNumber(3 * 1.1)).toBe('3.3');
  });

  it('keeps integers and short decimals as they are', () => {
    expect(formatNumber(33)).toBe('33');
    expect(formatNumber(-6)).toBe('-6');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(123456)).toBe('123456');
  });

  it('rounds to six significant digits and trims trailing zeros', () => {
    expect(formatNumber(Math.PI)).toBe('3.14159');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(1.10000000001)).toBe('1.1');
    expect(formatNumber(0.000123456789)).toBe('0.000123457');
  });

  it('switches to exponent notation for very large and very small magnitudes', () => {
    expect(formatNumber(123456789)).toBe('1.23457e8');
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(-2.5e-7)).toBe('-2.5e-7');
    expect(formatNumber(0.00001)).toBe('1e-5');
    // rounding up into the large range uses exponent notation, not a 7-digit integer
    expect(formatNumber(999999.9)).toBe('1e6');
  });

  it('names the special values and hides the sign of zero', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('never prints more than six significant digits (property over many magnitudes)', () => {
    for (let exponent = -12; exponent <= 12; exponent++) {
      for (const mantissa of [1, 1.23456789, 9.99999949, 4.2, 7.000001]) {
        const text = formatNumber(mantissa * 10 ** exponent);
        const digits = text.split('e')[0]!.replace(/[-.]/g, '').replace(/^0+/, '');
        expect(digits.length, text).toBeLessThanOrEqual(6);
        // and the shown value is within rounding of the real one
        expect(Number(text) / (mantissa * 10 ** exponent)).toBeCloseTo(1, 5);
      }
    }
  });
});

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
