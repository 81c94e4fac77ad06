import { describe, expect, it, vi } from 'vitest';
import { reluOp, sigmoidOp, tanhOp } from '@chainrule/nodes';

const slope = (op: typeof sigmoidOp, x: number): number => op.derivatives[0]!.fn(x, op.forward(x));

describe('sigmoid', () => {
  it('is finite and saturates cleanly for huge |x| (no overflow inside exp)', () => {
    expect(sigmoidOp.forward(-1000)).toBe(0);
    expect(sigmoidOp.forward(1000)).toBe(1);
    expect(slope(sigmoidOp, -1000)).toBe(0);
    expect(slope(sigmoidOp, 1000)).toBe(0);
  });

  it('never overflows inside exp, whatever the sign of x', () => {
    // The naive 1/(1 + e⁻ˣ) takes e¹⁰⁰⁰ = Infinity on the way to 0 for x = −1000.
    const exp = vi.spyOn(Math, 'exp');
    try {
      for (const x of [-1000, -745, -30, 0, 30, 745, 1000]) sigmoidOp.forward(x);
      expect(exp).toHaveBeenCalled();
      for (const { value } of exp.mock.results) expect(Number.isFinite(value)).toBe(true);
    } finally {
      exp.mockRestore();
    }
    expect(sigmoidOp.forward(-30) / Math.exp(-30)).toBeCloseTo(1, 12);
    expect(sigmoidOp.forward(0)).toBe(0.5);
    expect(slope(sigmoidOp, 0)).toBe(0.25);
  });

  it('is symmetric: σ(−x) = 1 − σ(x)', () => {
    for (const x of [0.1, 1, 5, 12]) {
      expect(sigmoidOp.forward(-x)).toBeCloseTo(1 - sigmoidOp.forward(x), 15);
    }
  });
});

describe('tanh', () => {
  it('is finite and saturates cleanly for huge |x|', () => {
    expect(tanhOp.forward(1000)).toBe(1);
    expect(tanhOp.forward(-1000)).toBe(-1);
    expect(slope(tanhOp, -1000)).toBe(0);
    expect(slope(tanhOp, 0)).toBe(1);
  });
});

describe('relu', () => {
  it("follows TensorFlow at the kink: relu'(0) = 0, and relu(−0) is +0", () => {
    expect(slope(reluOp, 0)).toBe(0);
    expect(slope(reluOp, -0)).toBe(0);
    expect(slope(reluOp, 1e-300)).toBe(1);
    expect(slope(reluOp, -1e-300)).toBe(0);
    expect(Object.is(reluOp.forward(-0), 0)).toBe(true);
    expect(reluOp.forward(-3)).toBe(0);
    expect(reluOp.notes?.join(' ')).toMatch(/x = 0/);
  });
});
