import type { OpDefinition } from '@chainrule/graph-runtime';

/**
 * Data and reductions have no scalar forward of their own: the engine feeds a data column's
 * samples and reduces over the samples itself. Calling one is a bug in the caller.
 */
const laneForward =
  (id: string, why: string): OpDefinition['forward'] =>
  () => {
    throw new Error(`"${id}" ${why}`);
  };

/**
 * `data`: one column of a dataset (`x1`, `y`, …), one value per sample. Its samples come from
 * `runtime.feed({ [id]: column })`; its node params `{ dataset, column }` only say where the
 * column comes from. Every node computed from it holds one value per sample too, until a
 * `mean` or `sum` turns them into one.
 * @public
 */
export const dataOp: OpDefinition = {
  id: 'data',
  label: 'Data column',
  symbol: '▦',
  category: 'data',
  description: 'One column of a dataset: a value per sample, fed by the dataset.',
  inputs: [],
  params: [],
  kind: 'source',
  varying: true,
  formula: 'column[i]',
  forward: laneForward('data', 'is a data column: its samples come from runtime.feed'),
  derivatives: [],
  notes: [
    'Not trainable: it holds the samples, one value per sample; its gradient is per sample.',
    'Until it is fed it shows the error "no data: feed this column".',
  ],
};

/**
 * `mean`: the average of x over the B samples of the batch, one number (how a per-sample loss
 * becomes J). The gradient each sample's x receives is dJ/dmean / B.
 * @public
 */
export const meanOp: OpDefinition = {
  id: 'mean',
  label: 'Mean over samples',
  symbol: 'x̄',
  category: 'reduction',
  description: 'The average of x over every sample of the batch: one number.',
  inputs: ['x'],
  params: [],
  kind: 'reduce',
  reduce: 'mean',
  formula: '(1/B) Σᵢ xᵢ',
  forward: laneForward('mean', 'reduces over the samples: the engine computes it'),
  derivatives: [{ formula: '∂mean/∂xᵢ = 1/B', fn: () => 1 }],
  notes: ['A uniform x (the same for every sample) gives x itself, with slope 1.'],
};

/**
 * `sum`: the total of x over the B samples of the batch, one number.
 * @public
 */
export const sumOp: OpDefinition = {
  id: 'sum',
  label: 'Sum over samples',
  symbol: 'Σ',
  category: 'reduction',
  description: 'The total of x over every sample of the batch: one number.',
  inputs: ['x'],
  params: [],
  kind: 'reduce',
  reduce: 'sum',
  formula: 'Σᵢ xᵢ',
  forward: laneForward('sum', 'reduces over the samples: the engine computes it'),
  derivatives: [{ formula: '∂sum/∂xᵢ = 1', fn: () => 1 }],
  notes: ['A uniform x (the same for every sample) counts B times: B·x, with slope B.'],
};
