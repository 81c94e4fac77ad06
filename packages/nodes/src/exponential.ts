import { defineOp } from './defineOp';

/** `exp`: eˣ, its own derivative. Overflow (e.g. exp(1000)) is caught by the engine. @public */
export const expOp = defineOp({
  id: 'exp',
  kernel: 'exp',
  label: 'Exponential',
  symbol: 'eˣ',
  category: 'exponential',
  description: 'e raised to the power x.',
  inputs: ['x'],
  formula: 'eˣ',
  forward: (x) => Math.exp(x),
  derivatives: [{ formula: '∂(eˣ)/∂x = eˣ', fn: (_x, out) => out }],
});

/** `log`: the natural logarithm ln x, defined for x > 0. @public */
export const logOp = defineOp({
  id: 'log',
  kernel: 'log',
  label: 'Natural log',
  symbol: 'ln',
  category: 'exponential',
  description: 'The natural logarithm of x (base e).',
  inputs: ['x'],
  formula: 'ln x',
  forward: (x) => Math.log(x),
  domain: (x) => (x > 0 ? null : `log needs x > 0, got ${String(x)}`),
  derivatives: [{ formula: '∂(ln x)/∂x = 1/x', fn: (x) => 1 / x }],
});
