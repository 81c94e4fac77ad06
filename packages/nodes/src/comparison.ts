import { defineOp } from './defineOp';

/**
 * `max`: the larger of a and b. The gradient flows to whichever input won; on a tie it all goes
 * to `a` (TensorFlow's convention), so the sum of both slopes is always 1.
 * @public
 */
export const maxOp = defineOp({
  id: 'max',
  kernel: 'max',
  label: 'Maximum',
  symbol: 'max',
  category: 'comparison',
  description: 'The larger of a and b.',
  inputs: ['a', 'b'],
  formula: 'max(a, b)',
  forward: (a, b) => (a >= b ? a : b),
  derivatives: [
    { formula: '∂max(a, b)/∂a = 1 if a ≥ b, else 0', fn: (a, b) => (a >= b ? 1 : 0) },
    { formula: '∂max(a, b)/∂b = 1 if b > a, else 0', fn: (a, b) => (a >= b ? 0 : 1) },
  ],
  notes: ['On a tie (a = b) the whole gradient goes to a (TensorFlow convention).'],
});

/**
 * `min`: the smaller of a and b. On a tie the whole gradient goes to `a` (TensorFlow's
 * convention).
 * @public
 */
export const minOp = defineOp({
  id: 'min',
  kernel: 'min',
  label: 'Minimum',
  symbol: 'min',
  category: 'comparison',
  description: 'The smaller of a and b.',
  inputs: ['a', 'b'],
  formula: 'min(a, b)',
  forward: (a, b) => (a <= b ? a : b),
  derivatives: [
    { formula: '∂min(a, b)/∂a = 1 if a ≤ b, else 0', fn: (a, b) => (a <= b ? 1 : 0) },
    { formula: '∂min(a, b)/∂b = 1 if b < a, else 0', fn: (a, b) => (a <= b ? 0 : 1) },
  ],
  notes: ['On a tie (a = b) the whole gradient goes to a (TensorFlow convention).'],
});
