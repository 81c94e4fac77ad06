import type { OpDefinition } from '@chainrule/graph-runtime';
import { valueParam } from './defineOp';

/**
 * Sources have no forward: the engine reads their value from `params.value`. Calling this is a
 * bug in the caller, so it says so instead of inventing a number.
 */
const sourceForward =
  (id: string): OpDefinition['forward'] =>
  () => {
    throw new Error(`"${id}" is a source op: its value is params.value, it has no forward`);
  };

/**
 * `input`: a value a person sets and trains by gradient descent (a leaf such as a, b, c in
 * J = 3(a + bc)). Its gradient dJ/dx is what the UI shows as the training signal.
 * @public
 */
export const inputOp: OpDefinition = {
  id: 'input',
  label: 'Input',
  symbol: 'x',
  category: 'source',
  description: 'A trainable value you set; gradient descent can change it.',
  inputs: [],
  params: [
    valueParam,
    {
      name: 'fixed',
      kind: 'number',
      default: 0,
      description: '1 keeps this input out of training (a data point, say); 0 or absent trains it.',
    },
  ],
  kind: 'source',
  trainable: true,
  formula: 'value',
  forward: sourceForward('input'),
  derivatives: [],
  notes: [
    'Trainable: a training step moves it against its gradient dJ/dx, unless params.fixed is 1.',
  ],
};

/**
 * `const`: a fixed number (such as the 3 in J = 3(a + bc)). It still has a gradient, but
 * training never changes it.
 * @public
 */
export const constOp: OpDefinition = {
  id: 'const',
  label: 'Constant',
  symbol: 'k',
  category: 'source',
  description: 'A fixed number; training never changes it.',
  inputs: [],
  params: [valueParam],
  kind: 'source',
  trainable: false,
  formula: 'value',
  forward: sourceForward('const'),
  derivatives: [],
  notes: ['Not trainable: its gradient is shown but never applied.'],
};
