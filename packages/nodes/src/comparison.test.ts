import { describe, expect, it } from 'vitest';
import { maxOp, minOp } from '@chainrule/nodes';

const slopes = (op: typeof maxOp, a: number, b: number): number[] =>
  op.derivatives.map((d) => d.fn(a, b, op.forward(a, b)));

describe('max and min', () => {
  it('send the whole gradient to a on a tie (TensorFlow convention)', () => {
    expect(slopes(maxOp, 2, 2)).toEqual([1, 0]);
    expect(slopes(minOp, 2, 2)).toEqual([1, 0]);
    expect(slopes(maxOp, 0, -0)).toEqual([1, 0]);
    expect(maxOp.notes?.join(' ')).toMatch(/tie/);
    expect(minOp.notes?.join(' ')).toMatch(/tie/);
  });

  it('send the gradient to the winning input otherwise', () => {
    expect([maxOp.forward(1, 3), ...slopes(maxOp, 1, 3)]).toEqual([3, 0, 1]);
    expect([maxOp.forward(3, 1), ...slopes(maxOp, 3, 1)]).toEqual([3, 1, 0]);
    expect([minOp.forward(1, 3), ...slopes(minOp, 1, 3)]).toEqual([1, 1, 0]);
    expect([minOp.forward(3, 1), ...slopes(minOp, 3, 1)]).toEqual([1, 0, 1]);
  });
});
