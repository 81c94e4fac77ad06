import { describe, expect, it } from 'vitest';
import { createOptimizer, describeOptimizer, optimizerKinds } from './optimizers';

describe('createOptimizer', () => {
  it('SGD: θ ← θ − η·g, step after step', () => {
    const sgd = createOptimizer({ kind: 'sgd', learningRate: 0.1 }, 2);
    expect(sgd.step([1, -2], [4, -0.5])).toEqual([1 - 0.4, -2 + 0.05]);
    expect(sgd.step([0.6, -1.95], [2, 0])).toEqual([0.6 - 0.2, -1.95]);
    expect(sgd.steps).toBe(2);
  });

  it('momentum: b₁ = g, then b ← μ·b + g (hand-computed)', () => {
    const momentum = createOptimizer({ kind: 'momentum', learningRate: 0.1, momentum: 0.9 }, 1);
    // Step 1: b = 2, θ = 1 − 0.1·2 = 0.8.
    expect(momentum.step([1], [2])[0]).toBeCloseTo(0.8, 15);
    // Step 2: b = 0.9·2 + 1 = 2.8, θ = 0.8 − 0.28 = 0.52.
    expect(momentum.step([0.8], [1])[0]).toBeCloseTo(0.52, 15);
    // Step 3: b = 0.9·2.8 − 1 = 1.52, θ = 0.52 − 0.152 = 0.368.
    expect(momentum.step([0.52], [-1])[0]).toBeCloseTo(0.368, 15);
  });

  it('Adam: the first step is η·g/(|g| + ε), the second follows the bias-corrected moments', () => {
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 3);
    const first = adam.step([1, 1, 1], [0.5, -4, 0]);
    // m̂₁ = g, v̂₁ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g); a zero gradient does not move.
    expect(first[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    expect(first[1]).toBeCloseTo(1 + (0.1 * 4) / (4 + 1e-8), 15);
    expect(first[2]).toBe(1);
    // Step 2 for the first parameter with g₂ = 1.5:
    // m = 0.9·0.05 + 0.1·1.5 = 0.195, v = 0.999·0.00025 + 0.001·2.25 = 0.00249975
    // m̂ = 0.195/0.19 = 1.0263157894736843, v̂ = 0.00249975/0.001999 = 1.2504952476238119
    const second = adam.step(first, [1.5, 0, 0]);
    const expected = first[0]! - (0.1 * (0.195 / 0.19)) / (Math.sqrt(0.00249975 / 0.001999) + 1e-8);
    expect(second[0]).toBeCloseTo(expected, 14);
    expect(second[0]).toBeCloseTo(0.9 - 0.091778, 5);
  });

  it('Adam honours its β₁, β₂ and ε', () => {
    const adam = createOptimizer(
      { kind: 'adam', learningRate: 1, beta1: 0.5, beta2: 0.5, epsilon: 1 },
      1,
    );
    // m̂ = g = 2, v̂ = g² = 4: θ = 0 − 2/(2 + 1).
    expect(adam.step([0], [2])[0]).toBeCloseTo(-2 / 3, 15);
  });

  it('reset forgets the momentum and the step count', () => {
    const momentum = createOptimizer({ kind: 'momentum', learningRate: 1 }, 1);
    momentum.step([0], [1]);
    momentum.reset();
    expect(momentum.steps).toBe(0);
    expect(momentum.step([0], [1])).toEqual([-1]);
  });

  it('refuses a learning rate that is not a positive number, and mismatched lengths', () => {
    expect(() => createOptimizer({ kind: 'sgd', learningRate: 0 }, 1)).toThrow(/positive/);
    expect(() => createOptimizer({ kind: 'sgd', learningRate: Number.NaN }, 1)).toThrow(/positive/);
    expect(() => createOptimizer({ kind: 'sgd', learningRate: 1 }, 2).step([1], [1])).toThrow(
      /Expected 2/,
    );
  });

  it('does not modify its arguments', () => {
    const values = [1, 2];
    const gradients = [3, 4];
    createOptimizer({ kind: 'adam', learningRate: 0.1 }, 2).step(values, gradients);
    expect(values).toEqual([1, 2]);
    expect(gradients).toEqual([3, 4]);
  });

  it('describes every kind', () => {
    for (const kind of optimizerKinds) expect(describeOptimizer(kind)).toMatch(/θ ← θ − η/);
  });
});

describe('Adam with gradients whose squares overflow', () => {
  /** Adam exactly as written in the paper and PyTorch, for comparison. */
  const textbookAdam = (gradients: readonly number[], lr: number) => {
    let m = 0;
    let v = 0;
    let theta = 0;
    gradients.forEach((g, k) => {
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      const t = k + 1;
      theta -= (lr * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
    });
    return theta;
  };

  it('agrees with the textbook formula wherever that formula does not overflow', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let run = 0; run < 20; run++) {
      const magnitude = 10 ** Math.round(random() * 12);
      const gradients = Array.from({ length: 40 }, () => random() * magnitude);
      const adam = createOptimizer({ kind: 'adam', learningRate: 0.01 }, 1);
      let theta = 0;
      for (const g of gradients) theta = adam.step([theta], [g])[0]!;
      const expected = textbookAdam(gradients, 0.01);
      expect(Math.abs(theta - expected)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('keeps moving past |g| = 1e154 instead of silently stalling (steps of about η, as for g = 1)', () => {
    const huge = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 2);
    const small = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 2);
    let big = [1, 1];
    let unit = [1, 1];
    for (const [a, b] of [
      [1, -1],
      [3, -0.5],
      [-2, 4],
    ] as const) {
      big = huge.step(big, [a * 1e200, b * 1e300]);
      unit = small.step(unit, [a, b]);
    }
    expect(big[0]).toBeCloseTo(unit[0]!, 6);
    expect(big[1]).toBeCloseTo(unit[1]!, 6);
    expect(big[0]).not.toBe(1);
    // The largest double still gives a finite step.
    const extreme = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 1);
    expect(extreme.step([0], [Number.MAX_VALUE])[0]).toBeCloseTo(-0.1, 12);
  });

  it('reset forgets the scale too', () => {
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 1);
    adam.step([0], [1e300]);
    adam.reset();
    expect(adam.step([0], [0.5])[0]).toBeCloseTo(-(0.1 * 0.5) / (0.5 + 1e-8), 15);
  });
});
