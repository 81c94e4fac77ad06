import type { CompositeDefinition } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { definitionFromExpression } from '../expression/definitionFromExpression';

/** The most inputs a built-in `neuron(n)` or `mse(n)` takes. @public */
export const MAX_COMPOSITE_INPUTS = 16;

/** One entry of the library panel's built-in composites. @public */
export interface BuiltinComposite {
  /** `neuron`, `softplus`, `mse`, `logistic_loss`. */
  readonly id: string;
  /** The title in the library panel. */
  readonly title: string;
  /** One sentence for the panel and the tooltip. */
  readonly description: string;
  /** Whether it takes a size (`neuron(n)`: n inputs; `mse(n)`: n pairs). */
  readonly sized: boolean;
  /** The size a new one gets. */
  readonly defaultSize: number;
  /** The definition, for `size` inputs when sized (named `neuron3`, `mse4`; size 1 of mse is `mse`). */
  definition(size?: number): CompositeDefinition;
}

const checkedSize = (id: string, size: number): number => {
  if (!Number.isInteger(size) || size < 1 || size > MAX_COMPOSITE_INPUTS) {
    throw new RangeError(`${id} takes 1 to ${MAX_COMPOSITE_INPUTS} inputs, got ${size}`);
  }
  return size;
};

/** Reads one of the texts below; they are fixed, so a failure is a bug in this file. */
const fromText = (text: string, extra: Partial<CompositeDefinition>): CompositeDefinition => {
  const result = definitionFromExpression(text, standardRegistry);
  if (!result.ok) throw new Error(`built-in composite ${text}: ${result.error.message}`);
  return { ...result.value, ...extra };
};

const range = (size: number): number[] => Array.from({ length: size }, (_, k) => k + 1);

/**
 * A tanh neuron with n inputs, as micrograd's `Neuron`: y = tanh(w1·x1 + … + wn·xn + b), the
 * weights and the bias per-instance trainable parameters. Default weights alternate 0.5 and
 * −0.5 (so two neurons of a layer do not start equal once their params are set), bias 0.
 * @example neuronDefinition(2).name // 'neuron2'
 * @public
 */
export const neuronDefinition = (size: number): CompositeDefinition => {
  const n = checkedSize('neuron', size);
  const ks = range(n);
  const sum = ks.map((k) => `w${k}*x${k}`).join(' + ');
  const lines = [
    `neuron${n}(${ks.map((k) => `x${k}`).join(', ')}; ${ks.map((k) => `w${k}`).join(', ')}, b) = tanh(${sum} + b)`,
    ...ks.map((k) => `w${k} = ${k % 2 === 1 ? 0.5 : -0.5}`),
  ];
  return fromText(lines.join('\n'), {
    label: `neuron (${n} input${n === 1 ? '' : 's'})`,
    description: `y = tanh(${sum} + b): a neuron with ${n} input${n === 1 ? '' : 's'}; its weights and bias are its own, trainable.`,
  });
};

/**
 * Mean squared error of n predictions p1…pn against targets t1…tn: ((p1 − t1)² + …) / n.
 * @public
 */
export const mseDefinition = (size: number): CompositeDefinition => {
  const n = checkedSize('mse', size);
  const ks = range(n);
  const inputs = [
    ...ks.map((k) => (n === 1 ? 'p' : `p${k}`)),
    ...ks.map((k) => (n === 1 ? 't' : `t${k}`)),
  ];
  const terms = ks.map((k) => (n === 1 ? 'square(p - t)' : `square(p${k} - t${k})`)).join(' + ');
  const text = `${n === 1 ? 'mse' : `mse${n}`}(${inputs.join(', ')}) = ${n === 1 ? terms : `(${terms}) / ${n}`}`;
  return fromText(text, {
    label: n === 1 ? 'mse' : `mse (${n} pairs)`,
    description:
      n === 1
        ? 'The squared error (p − t)² of a prediction p against its target t.'
        : `The mean of the squared errors of ${n} predictions against their targets.`,
  });
};

/** softplus(x) = log(1 + eˣ): a smooth ReLU. @public */
export const softplusDefinition = (): CompositeDefinition =>
  fromText('softplus(x) = log(1 + exp(x))', {
    label: 'softplus',
    description: 'softplus(x) = log(1 + eˣ): a smooth ReLU whose slope is σ(x).',
  });

/**
 * The logistic (cross-entropy) loss of a probability p ∈ (0, 1) against a label y ∈ {0, 1}:
 * −(y·log p + (1 − y)·log(1 − p)).
 * @public
 */
export const logisticLossDefinition = (): CompositeDefinition =>
  fromText('logistic_loss(p, y) = -(y*log(p) + (1 - y)*log(1 - p))', {
    label: 'logistic loss',
    description:
      'The cross-entropy −(y·log p + (1 − y)·log(1 − p)) of a probability p against a 0/1 label y.',
  });

/**
 * The built-in composites the library panel offers, in the panel's order.
 * @example builtinComposites.find((c) => c.id === 'neuron')!.definition(3).name // 'neuron3'
 * @public
 */
export const builtinComposites: readonly BuiltinComposite[] = [
  {
    id: 'neuron',
    title: 'neuron(n)',
    description: 'A tanh neuron with n inputs and its own weights and bias.',
    sized: true,
    defaultSize: 2,
    definition: (size = 2) => neuronDefinition(size),
  },
  {
    id: 'softplus',
    title: 'softplus',
    description: 'log(1 + eˣ), a smooth ReLU.',
    sized: false,
    defaultSize: 1,
    definition: () => softplusDefinition(),
  },
  {
    id: 'mse',
    title: 'mse',
    description: 'The mean squared error of predictions against targets.',
    sized: true,
    defaultSize: 1,
    definition: (size = 1) => mseDefinition(size),
  },
  {
    id: 'logistic_loss',
    title: 'logistic loss',
    description: 'The cross-entropy of a probability against a 0/1 label.',
    sized: false,
    defaultSize: 1,
    definition: () => logisticLossDefinition(),
  },
];
