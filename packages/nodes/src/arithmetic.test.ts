import { describe, expect, it } from 'vitest';
import { absOp, addOp, constOp, divOp, mulOp } from '@chainrule/nodes';

describe('arithmetic ops', () => {
  it('chain J = 3(a + bc) through the local derivatives: dJ/da = 3, dJ/db = 6, dJ/dc = 9', () => {
    const [a, b, c, three] = [5, 3, 2, 3];
    const u = mulOp.forward(b, c);
    const v = addOp.forward(a, u);
    const J = mulOp.forward(three, v);
    expect([u, v, J]).toEqual([6, 11, 33]);
    const dJdv = mulOp.derivatives[1]!.fn(three, v, J);
    const dJdu = dJdv * addOp.derivatives[1]!.fn(a, u, v);
    expect(dJdv * addOp.derivatives[0]!.fn(a, u, v)).toBe(3);
    expect(dJdu * mulOp.derivatives[0]!.fn(b, c, u)).toBe(6);
    expect(dJdu * mulOp.derivatives[1]!.fn(b, c, u)).toBe(9);
  });

  it('div explains division by zero, for +0 and −0, and accepts any other b', () => {
    expect(divOp.domain?.(1, 0)).toBe('division by zero: b = 0 (a / b needs b ≠ 0)');
    expect(divOp.domain?.(0, -0)).toBe('division by zero: b = 0 (a / b needs b ≠ 0)');
    expect(divOp.domain?.(1, 1e-300)).toBeNull();
    expect(divOp.domain?.(0, -2)).toBeNull();
  });

  it('div ∂/∂b stays finite where b² underflows', () => {
    // b² = 0 in doubles here, so −a/b² would be −0/0 = NaN; the true slope is −0/b² = 0.
    expect(divOp.derivatives[1]!.fn(0, 1e-200, divOp.forward(0, 1e-200))).toBe(-0);
    expect(divOp.derivatives[1]!.fn(6, 3, 2)).toBe(-2 / 3);
  });

  it("abs follows TensorFlow at the kink: abs'(0) = 0 (and for −0), ±1 elsewhere", () => {
    const slope = absOp.derivatives[0]!.fn;
    expect(Object.is(slope(0, 0), 0)).toBe(true);
    expect(Object.is(slope(-0, 0), 0)).toBe(true);
    expect(slope(1e-300, 1e-300)).toBe(1);
    expect(slope(-1e-300, 1e-300)).toBe(-1);
    expect(absOp.notes?.join(' ')).toMatch(/x = 0.*0/);
  });

  it('source ops refuse to be run as functions instead of inventing a value', () => {
    expect(() => constOp.forward()).toThrow(/source op: its value is params.value/);
  });
});
