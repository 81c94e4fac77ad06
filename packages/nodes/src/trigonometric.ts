import { defineOp } from './defineOp';

/** `sin`: sine of x (radians). @public */
export const sinOp = defineOp({
  id: 'sin',
  kernel: 'sin',
  label: 'Sine',
  symbol: 'sin',
  category: 'trigonometric',
  description: 'The sine of x, in radians.',
  inputs: ['x'],
  formula: 'sin x',
  forward: (x) => Math.sin(x),
  derivatives: [{ formula: '∂(sin x)/∂x = cos x', fn: (x) => Math.cos(x) }],
});

/** `cos`: cosine of x (radians). @public */
export const cosOp = defineOp({
  id: 'cos',
  kernel: 'cos',
  label: 'Cosine',
  symbol: 'cos',
  category: 'trigonometric',
  description: 'The cosine of x, in radians.',
  inputs: ['x'],
  formula: 'cos x',
  forward: (x) => Math.cos(x),
  derivatives: [{ formula: '∂(cos x)/∂x = −sin x', fn: (x) => -Math.sin(x) }],
});
