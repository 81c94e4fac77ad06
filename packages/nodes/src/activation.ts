import { defineOp } from './defineOp';

/**
 * `tanh`: hyperbolic tangent. `Math.tanh` saturates to ±1 without overflow for large |x|, and
 * the derivative is taken from the output, so neither side computes eˣ directly.
 * @public
 */
export const tanhOp = defineOp({
  id: 'tanh',
  kernel: 'tanh',
  label: 'Tanh',
  symbol: 'tanh',
  category: 'activation',
  description: 'The hyperbolic tangent of x, squashing it into (−1, 1).',
  inputs: ['x'],
  formula: 'tanh x',
  forward: (x) => Math.tanh(x),
  derivatives: [{ formula: '∂(tanh x)/∂x = 1 − tanh²x', fn: (_x, out) => 1 - out * out }],
});

/**
 * `sigmoid`: the logistic function 1/(1 + e⁻ˣ), computed so that eˣ is only ever taken of a
 * non-positive number: no overflow for x = −1000, and no cancellation for large x.
 * @public
 */
export const sigmoidOp = defineOp({
  id: 'sigmoid',
  kernel: 'sigmoid',
  label: 'Sigmoid',
  symbol: 'σ',
  category: 'activation',
  description: 'The logistic function, squashing x into (0, 1).',
  inputs: ['x'],
  formula: '1 / (1 + e⁻ˣ)',
  forward: (x) => {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const ex = Math.exp(x);
    return ex / (1 + ex);
  },
  derivatives: [{ formula: '∂σ(x)/∂x = σ(x)·(1 − σ(x))', fn: (_x, out) => out * (1 - out) }],
});

/** `relu`: max(0, x), with the TensorFlow convention relu'(0) = 0. @public */
export const reluOp = defineOp({
  id: 'relu',
  kernel: 'relu',
  label: 'ReLU',
  symbol: 'ReLU',
  category: 'activation',
  description: 'x when positive, otherwise 0.',
  inputs: ['x'],
  formula: 'max(0, x)',
  // `x > 0 ? x : 0` rather than Math.max so that relu(−0) is +0.
  forward: (x) => (x > 0 ? x : 0),
  derivatives: [{ formula: '∂ReLU(x)/∂x = 1 if x > 0, else 0', fn: (x) => (x > 0 ? 1 : 0) }],
  notes: ["At the kink x = 0 the slope is taken as 0 (TensorFlow's convention)."],
});
