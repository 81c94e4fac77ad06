import { describe, expect, it } from 'vitest';
import { gradcheck } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import {
  builtinComposites,
  logisticLossDefinition,
  mseDefinition,
  neuronDefinition,
  softplusDefinition,
} from './builtins';
import { applyDefinition } from './testing';

const instance = applyDefinition;

describe('built-in composites', () => {
  it('neuron(n) computes tanh(Σ wᵢxᵢ + b) with per-instance weights, and gradchecks', () => {
    const neuron3 = neuronDefinition(3);
    expect(neuron3.name).toBe('neuron3');
    expect(neuron3.inputs).toEqual(['x1', 'x2', 'x3']);
    expect(neuron3.parameters?.map((p) => p.name)).toEqual(['w1', 'w2', 'w3', 'b']);
    const { J, graph } = instance(neuron3, [1, 2, -1], { w3: 0.25, b: 0.1 });
    expect(J).toBeCloseTo(Math.tanh(0.5 * 1 - 0.5 * 2 + 0.25 * -1 + 0.1), 14);
    expect(gradcheck(standardRegistry, graph, { nodes: 'all' }).ok).toBe(true);
    expect(() => neuronDefinition(0)).toThrow(RangeError);
  });

  it('softplus, mse and logistic loss compute what they say', () => {
    expect(instance(softplusDefinition(), [-0.7]).J).toBeCloseTo(Math.log(1 + Math.exp(-0.7)), 14);
    expect(instance(mseDefinition(1), [3, 1]).J).toBe(4);
    expect(instance(mseDefinition(2), [3, 0, 1, 1]).J).toBe((4 + 1) / 2);
    expect(instance(logisticLossDefinition(), [0.8, 1]).J).toBeCloseTo(-Math.log(0.8), 14);
    expect(instance(logisticLossDefinition(), [0.8, 0]).J).toBeCloseTo(-Math.log(0.2), 14);
  });

  it('the library lists neuron(n), softplus, mse and logistic loss, each a valid definition', () => {
    expect(builtinComposites.map((entry) => entry.title)).toEqual([
      'neuron(n)',
      'softplus',
      'mse',
      'logistic loss',
    ]);
    for (const entry of builtinComposites) {
      const definition = entry.definition(entry.defaultSize);
      expect(standardRegistry.get(definition.name)).toBeUndefined();
      expect(definition.description).toMatch(/\.$/);
      expect(definition.expression).toContain(`${definition.name}(`);
    }
  });
});
