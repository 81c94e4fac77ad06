import { defineOp } from './defineOp';

/**
 * `pow`: a^b. Negative bases need an integer exponent (otherwise the result is not a real
 * number), and 0 to a negative power is a division by zero.
 * @public
 */
export const powOp = defineOp({
  id: 'pow',
  kernel: 'pow',
  label: 'Power',
  symbol: 'aᵇ',
  category: 'power',
  description: 'a raised to the power b.',
  inputs: ['a', 'b'],
  formula: 'a^b',
  forward: (a, b) => Math.pow(a, b),
  domain: (a, b) => {
    if (a < 0 && !Number.isInteger(b)) {
      return `a negative base needs an integer exponent, got (${String(a)})^${String(b)}`;
    }
    if (a === 0 && b < 0) {
      return `division by zero: 0 to a negative power, got 0^${String(b)}`;
    }
    return null;
  },
  derivatives: [
    {
      formula: '∂(a^b)/∂a = b·a^(b−1)',
      // a^0 is the constant 1, so its slope is 0 even at a = 0 (where 0·0^(−1) would be NaN).
      fn: (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
      undefinedAt: (a, b) =>
        a === 0 && b > 0 && b < 1
          ? `pow has an infinite slope in a at a = 0 when 0 < b < 1, got b = ${String(b)}`
          : null,
    },
    {
      formula: '∂(a^b)/∂b = a^b·ln a',
      // ln a is undefined for a ≤ 0; TensorFlow sends no gradient to the exponent there.
      fn: (a, _b, out) => (a > 0 ? out * Math.log(a) : 0),
    },
  ],
  notes: [
    '∂(a^b)/∂b is taken as 0 where a ≤ 0, since ln a is undefined there (TensorFlow convention).',
    '∂(a^b)/∂a is infinite at a = 0 when 0 < b < 1; the inspector reports it instead of a number.',
    '∂(a^b)/∂a is 0 when b = 0 (a^0 is the constant 1), including at a = 0.',
  ],
});

/** `square`: x². @public */
export const squareOp = defineOp({
  id: 'square',
  kernel: 'square',
  label: 'Square',
  symbol: 'x²',
  category: 'power',
  description: 'x multiplied by itself.',
  inputs: ['x'],
  formula: 'x²',
  forward: (x) => x * x,
  derivatives: [{ formula: '∂(x²)/∂x = 2x', fn: (x) => 2 * x }],
});

/** `sqrt`: √x for x ≥ 0; its slope is infinite at 0. @public */
export const sqrtOp = defineOp({
  id: 'sqrt',
  kernel: 'sqrt',
  label: 'Square root',
  symbol: '√',
  category: 'power',
  description: 'The non-negative number whose square is x.',
  inputs: ['x'],
  formula: '√x',
  forward: (x) => Math.sqrt(x),
  domain: (x) => (x < 0 ? `sqrt needs x ≥ 0, got ${String(x)}` : null),
  derivatives: [
    {
      formula: '∂(√x)/∂x = 1/(2√x)',
      fn: (_x, out) => 1 / (2 * out),
      undefinedAt: (x) => (x === 0 ? 'sqrt has an infinite slope at x = 0' : null),
    },
  ],
  notes: ['At x = 0 the slope is infinite; the inspector reports it instead of a number.'],
});
