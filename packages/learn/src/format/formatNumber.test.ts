import { describe, expect, it } from 'vitest';
import { formatNumber } from './formatNumber';

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

  it('takes fewer digits where space is short (the player uses four)', () => {
    expect(formatNumber(1 / 3, 4)).toBe('0.3333');
    expect(formatNumber(0.1192029220221, 4)).toBe('0.1192');
    expect(formatNumber(1.23456e-7, 4)).toBe('1.235e-7');
    expect(formatNumber(6, 4)).toBe('6');
  });

  it('switches to exponent notation from 1e6 and below 1e-4', () => {
    expect(formatNumber(123456789)).toBe('1.23457e8');
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(-2.5e-7)).toBe('-2.5e-7');
    expect(formatNumber(0.00001)).toBe('1e-5');
    expect(formatNumber(Number.MAX_VALUE)).toBe('1.79769e308');
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
