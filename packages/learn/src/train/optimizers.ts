/** Which optimizer a trainer uses. @public */
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

/** The optimizer kinds, in the order a picker lists them. @public */
export const optimizerKinds: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];

/**
 * Optimizer settings; every field but `kind` and `learningRate` has PyTorch's default.
 * @public
 */
export interface OptimizerOptions {
  readonly kind: OptimizerKind;
  /** Step size η (PyTorch `lr`). */
  readonly learningRate: number;
  /** Momentum μ for `momentum` (PyTorch `momentum`). Default 0.9. */
  readonly momentum?: number;
  /** Adam's β₁, the decay of the mean of gradients. Default 0.9. */
  readonly beta1?: number;
  /** Adam's β₂, the decay of the mean of squared gradients. Default 0.999. */
  readonly beta2?: number;
  /** Adam's ε, added to √v̂ so a zero gradient never divides by zero. Default 1e-8. */
  readonly epsilon?: number;
}

/**
 * A stateful optimizer over a fixed list of parameters. `step` is pure apart from the
 * optimizer's own state (momentum buffers, Adam moments and step count): no I/O, no engine.
 * @public
 */
export interface Optimizer {
  readonly options: Readonly<Required<OptimizerOptions>>;
  /** Steps taken since creation or the last {@link Optimizer.reset}. */
  readonly steps: number;
  /**
   * Returns the next parameter values from the current values θ and gradients g = dJ/dθ
   * (same order and length as at creation). Does not modify its arguments.
   */
  step(values: readonly number[], gradients: readonly number[]): number[];
  /** Forgets all state, as if just created. */
  reset(): void;
}

/**
 * Describes the update rule of an optimizer in one line, for tooltips and the CLI.
 * @public
 */
export const describeOptimizer = (kind: OptimizerKind): string => {
  switch (kind) {
    case 'sgd':
      return 'SGD: θ ← θ − η·g';
    case 'momentum':
      return 'Momentum: b ← μ·b + g (b₁ = g), θ ← θ − η·b';
    case 'adam':
      return 'Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)';
  }
};

/**
 * Creates an optimizer for `size` parameters, with PyTorch's definitions (`torch.optim.SGD`,
 * `SGD(momentum=μ)` without dampening or Nesterov, and `torch.optim.Adam` without weight decay):
 *
 * - `sgd`: θ ← θ − η·g
 * - `momentum`: b ← μ·b + g, with b = g on the first step; θ ← θ − η·b
 * - `adam`: t ← t + 1; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 *   m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); θ ← θ − η·m̂/(√v̂ + ε)
 * @example
 * const adam = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 2);
 * adam.step([1, 2], [0.5, -4]); // [0.9, 2.1]: Adam's first step is η·sign(g)
 * @public
 */
export const createOptimizer = (options: OptimizerOptions, size: number): Optimizer => {
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
    throw new RangeError(
      `The learning rate must be a positive number, got ${options.learningRate}`,
    );
  }
  const settings: Required<OptimizerOptions> = {
    kind: options.kind,
    learningRate: options.learningRate,
    momentum: options.momentum ?? 0.9,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    epsilon: options.epsilon ?? 1e-8,
  };
  const first = new Float64Array(size); // momentum buffer b, or Adam's m
  const second = new Float64Array(size); // Adam's v
  const scale = new Float64Array(size); // Adam: the largest |g| so far, the unit of m and v
  let steps = 0;
  const { learningRate: lr, momentum, beta1, beta2, epsilon } = settings;

  return {
    options: settings,
    get steps() {
      return steps;
    },
    step(values, gradients) {
      if (values.length !== size || gradients.length !== size) {
        throw new RangeError(
          `Expected ${size} values and gradients, got ${values.length} and ${gradients.length}`,
        );
      }
      steps++;
      const next = new Array<number>(size);
      for (let i = 0; i < size; i++) {
        const g = gradients[i]!;
        switch (settings.kind) {
          case 'sgd':
            next[i] = values[i]! - lr * g;
            break;
          case 'momentum':
            first[i] = steps === 1 ? g : momentum * first[i]! + g;
            next[i] = values[i]! - lr * first[i]!;
            break;
          case 'adam': {
            // Computed in units of the largest |g| seen so far (scale[i]), so the moments stay
            // within [-1, 1]: g² of a gradient over ~1e154 overflows to Infinity, which made
            // every update 0 while training reported success. Same maths: with g = s·u,
            // m̂/(√v̂ + ε) = s·m̂ᵤ/(s·√v̂ᵤ + ε) = m̂ᵤ/(√v̂ᵤ + ε/s).
            const magnitude = Math.abs(g);
            if (magnitude > scale[i]!) {
              if (scale[i]! > 0) {
                const ratio = scale[i]! / magnitude;
                first[i] = first[i]! * ratio;
                second[i] = second[i]! * ratio * ratio;
              }
              scale[i] = magnitude;
            }
            const s = scale[i]!;
            if (s === 0) {
              // Every gradient so far was 0: both moments are 0 and so is the step.
              next[i] = values[i]!;
              break;
            }
            const unit = g / s;
            first[i] = beta1 * first[i]! + (1 - beta1) * unit;
            second[i] = beta2 * second[i]! + (1 - beta2) * unit * unit;
            const mHat = first[i]! / (1 - beta1 ** steps);
            const vHat = second[i]! / (1 - beta2 ** steps);
            next[i] = values[i]! - (lr * mHat) / (Math.sqrt(vHat) + epsilon / s);
            break;
          }
        }
      }
      return next;
    },
    reset() {
      first.fill(0);
      second.fill(0);
      scale.fill(0);
      steps = 0;
    },
  };
};
