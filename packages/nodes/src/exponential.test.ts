import { describe, expect, it } from 'vitest';
import { expOp, logOp } from '@chainrule/nodes';

describe('log', () => {
  it('explains arguments that are not positive', () => {
    expect(logOp.domain?.(-1)).toBe('log needs x > 0, got -1');
    expect(logOp.domain?.(0)).toBe('log needs x > 0, got 0');
    expect(logOp.domain?.(-0)).toBe('log needs x > 0, got 0');
    expect(logOp.domain?.(-2.5)).toBe('log needs x > 0, got -2.5');
    expect(logOp.domain?.(Number.MIN_VALUE)).toBeNull();
  });

  it('has slope 1/x', () => {
    expect(logOp.derivatives[0]!.fn(4, Math.log(4))).toBe(0.25);
  });
});

describe('exp', () => {
  it('has no domain restriction; overflow is left to the engine as a non-finite result', () => {
    expect(expOp.domain).toBeUndefined();
    expect(expOp.forward(1000)).toBe(Infinity);
  });

  it('uses its own output as its slope', () => {
    expect(expOp.derivatives[0]!.fn(123, 7)).toBe(7);
  });
});
