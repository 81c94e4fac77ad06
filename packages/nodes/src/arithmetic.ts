import { defineOp } from './defineOp';

/** `add`: a + b. Both local derivatives are 1, so the gradient passes through unchanged. @public */
export const addOp = defineOp({
  id: 'add',
  kernel: 'add',
  label: 'Add',
  symbol: '+',
  category: 'arithmetic',
  description: 'The sum of a and b.',
  inputs: ['a', 'b'],
  formula: 'a + b',
  forward: (a, b) => a + b,
  derivatives: [
    { formula: '∂(a + b)/∂a = 1', fn: () => 1 },
    { formula: '∂(a + b)/∂b = 1', fn: () => 1 },
  ],
});

/** `sub`: a − b. @public */
export const subOp = defineOp({
  id: 'sub',
  kernel: 'sub',
  label: 'Subtract',
  symbol: '−',
  category: 'arithmetic',
  description: 'The difference a minus b.',
  inputs: ['a', 'b'],
  formula: 'a − b',
  forward: (a, b) => a - b,
  derivatives: [
    { formula: '∂(a − b)/∂a = 1', fn: () => 1 },
    { formula: '∂(a − b)/∂b = −1', fn: () => -1 },
  ],
});

/** `mul`: a · b. Each input's local derivative is the other input. @public */
export const mulOp = defineOp({
  id: 'mul',
  kernel: 'mul',
  label: 'Multiply',
  symbol: '×',
  category: 'arithmetic',
  description: 'The product of a and b.',
  inputs: ['a', 'b'],
  formula: 'a · b',
  forward: (a, b) => a * b,
  derivatives: [
    { formula: '∂(a·b)/∂a = b', fn: (_a, b) => b },
    { formula: '∂(a·b)/∂b = a', fn: (a) => a },
  ],
});

/** `div`: a / b, with a readable error when b = 0. @public */
export const divOp = defineOp({
  id: 'div',
  kernel: 'div',
  label: 'Divide',
  symbol: '÷',
  category: 'arithmetic',
  description: 'The quotient a divided by b.',
  inputs: ['a', 'b'],
  formula: 'a / b',
  forward: (a, b) => a / b,
  domain: (_a, b) => (b === 0 ? 'division by zero: b = 0 (a / b needs b ≠ 0)' : null),
  derivatives: [
    { formula: '∂(a/b)/∂a = 1/b', fn: (_a, b) => 1 / b },
    // −out/b rather than −a/b²: b² underflows to 0 for tiny b, and −0/0 would be NaN.
    { formula: '∂(a/b)/∂b = −a/b²', fn: (_a, b, out) => -out / b },
  ],
});

/** `neg`: −x. @public */
export const negOp = defineOp({
  id: 'neg',
  kernel: 'neg',
  label: 'Negate',
  symbol: '−x',
  category: 'arithmetic',
  description: 'The opposite of x.',
  inputs: ['x'],
  formula: '−x',
  forward: (x) => -x,
  derivatives: [{ formula: '∂(−x)/∂x = −1', fn: () => -1 }],
});

/** `abs`: |x|, with the TensorFlow convention abs'(0) = 0. @public */
export const absOp = defineOp({
  id: 'abs',
  kernel: 'abs',
  label: 'Absolute value',
  symbol: '|x|',
  category: 'arithmetic',
  description: 'The distance of x from zero.',
  inputs: ['x'],
  formula: '|x|',
  forward: (x) => Math.abs(x),
  derivatives: [
    {
      formula: '∂|x|/∂x = sign(x)',
      // Explicit branches so x = −0 gives 0, not −0.
      fn: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
    },
  ],
  notes: ["At the kink x = 0 the slope is taken as 0 (TensorFlow's convention: sign(0) = 0)."],
});
