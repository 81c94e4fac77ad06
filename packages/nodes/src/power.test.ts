import { describe, expect, it } from 'vitest';
import { powOp, sqrtOp, squareOp } from '@chainrule/nodes';

const [powDa, powDb] = powOp.derivatives;

describe('pow', () => {
  it('explains a negative base with a fractional exponent', () => {
    expect(powOp.domain?.(-2, 0.5)).toBe('a negative base needs an integer exponent, got (-2)^0.5');
    expect(powOp.domain?.(-8, 1 / 3)).toBe(
      `a negative base needs an integer exponent, got (-8)^${String(1 / 3)}`,
    );
  });

  it('explains 0 to a negative power as a division by zero', () => {
    expect(powOp.domain?.(0, -1)).toBe('division by zero: 0 to a negative power, got 0^-1');
    expect(powOp.domain?.(-0, -0.5)).toBe('division by zero: 0 to a negative power, got 0^-0.5');
  });

  it('accepts negative bases with integer exponents and 0 to non-negative powers', () => {
    expect(powOp.domain?.(-2, 3)).toBeNull();
    expect(powOp.forward(-2, 3)).toBe(-8);
    expect(powOp.domain?.(0, 0)).toBeNull();
    expect(powOp.domain?.(0, 0.5)).toBeNull();
  });

  it('∂/∂a matches finite differences for negative bases with integer exponents', () => {
    for (const [a, b] of [
      [-2, 3],
      [-1.5, -2],
      [-3, 4],
      [-0.5, -3],
    ] as const) {
      const h = 1e-6;
      const numeric = (powOp.forward(a + h, b) - powOp.forward(a - h, b)) / (2 * h);
      const analytic = powDa!.fn(a, b, powOp.forward(a, b));
      expect(Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric))).toBeLessThan(1e-6);
    }
  });

  it('sends no gradient to the exponent where a ≤ 0 (TensorFlow convention)', () => {
    expect(powDb!.fn(-2, 3, -8)).toBe(0);
    expect(powDb!.fn(0, 2, 0)).toBe(0);
    expect(powDb!.fn(Math.E, 2, Math.E ** 2)).toBeCloseTo(Math.E ** 2, 12);
    expect(powOp.notes?.join(' ')).toMatch(/a ≤ 0/);
  });

  it('reports the infinite slope in a at a = 0 for 0 < b < 1, and nowhere else', () => {
    expect(powDa!.undefinedAt?.(0, 0.5, 0)).toBe(
      'pow has an infinite slope in a at a = 0 when 0 < b < 1, got b = 0.5',
    );
    expect(powDa!.fn(0, 0.5, 0)).toBe(Infinity);
    expect(powDa!.undefinedAt?.(0, 1, 0)).toBeNull();
    expect(powDa!.undefinedAt?.(0, 2, 0)).toBeNull();
    expect(powDa!.undefinedAt?.(1e-9, 0.5, Math.sqrt(1e-9))).toBeNull();
  });

  it('has slope 0 in a for b = 0 even at a = 0, and the right slopes at a = 0 for b ≥ 1', () => {
    expect(powDa!.fn(0, 0, 1)).toBe(0);
    expect(powDa!.fn(0, 1, 0)).toBe(1);
    expect(powDa!.fn(0, 3, 0)).toBe(0);
  });
});

describe('sqrt', () => {
  it('explains a negative argument', () => {
    expect(sqrtOp.domain?.(-4)).toBe('sqrt needs x ≥ 0, got -4');
    expect(sqrtOp.domain?.(-1e-300)).toBe('sqrt needs x ≥ 0, got -1e-300');
    expect(sqrtOp.domain?.(0)).toBeNull();
    expect(sqrtOp.domain?.(-0)).toBeNull();
  });

  it('reports the infinite slope at x = 0 instead of passing a number off as a slope', () => {
    const [slope] = sqrtOp.derivatives;
    expect(slope!.undefinedAt?.(0, 0)).toBe('sqrt has an infinite slope at x = 0');
    expect(slope!.undefinedAt?.(-0, -0)).toBe('sqrt has an infinite slope at x = 0');
    expect(slope!.undefinedAt?.(4, 2)).toBeNull();
    expect(slope!.fn(4, 2)).toBe(0.25);
  });
});

describe('square', () => {
  it('has slope 2x', () => {
    expect(squareOp.forward(-3)).toBe(9);
    expect(squareOp.derivatives[0]!.fn(-3, 9)).toBe(-6);
  });
});
