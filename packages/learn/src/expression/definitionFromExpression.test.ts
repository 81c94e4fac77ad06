import { describe, expect, it } from 'vitest';
import type { CompositeDefinition } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { applyDefinition } from '../composites/testing';
import { definitionFromExpression } from './definitionFromExpression';

const define = (text: string): CompositeDefinition => {
  const result = definitionFromExpression(text, standardRegistry);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const errorOf = (text: string) => {
  const result = definitionFromExpression(text, standardRegistry);
  expect(result.ok).toBe(false);
  return result.ok ? null : result.error;
};

/** J = the definition applied to the given inputs (by port name), with the given params. */
const apply = (
  definition: CompositeDefinition,
  inputs: Record<string, number>,
  params: Record<string, number> = {},
): number =>
  applyDefinition(
    definition,
    definition.inputs.map((port) => inputs[port]!),
    params,
  ).J;

describe('definitionFromExpression', () => {
  it('reads softplus(x) = log(1 + exp(x)) into a one-input definition that computes it', () => {
    const softplus = define('softplus(x) = log(1 + exp(x))');
    expect(softplus).toMatchObject({
      name: 'softplus',
      inputs: ['x'],
      outputs: [{ name: 'y', node: 'y' }],
      expression: 'softplus(x) = log(1 + exp(x))',
    });
    expect(softplus.parameters).toBeUndefined();
    expect(softplus.graph.nodes.find((node) => node.id === 'x')?.op).toBe('input');
    expect(apply(softplus, { x: 0.3 })).toBeCloseTo(Math.log(1 + Math.exp(0.3)), 14);
  });

  it('reads parameters after the semicolon, with defaults from value lines', () => {
    const neuron = define('neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2 + b)\nw1 = 0.5');
    expect(neuron.inputs).toEqual(['x1', 'x2']);
    expect(neuron.parameters).toEqual([
      { name: 'w1', default: 0.5 },
      { name: 'w2', default: 0 },
      { name: 'b', default: 0 },
    ]);
    expect(apply(neuron, { x1: 2, x2: -1 }, { w2: 0.25, b: 0.1 })).toBeCloseTo(
      Math.tanh(0.5 * 2 + 0.25 * -1 + 0.1),
      14,
    );
  });

  it('keeps ports the body does not use, and avoids y when the body uses it', () => {
    const first = define('first(a, b) = a * 2');
    expect(first.graph.nodes.map((node) => node.id)).toContain('b');
    const named = define('f(y) = y + 1');
    expect(named.outputs).toEqual([{ name: 'out', node: 'out' }]);
    expect(apply(named, { y: 4 })).toBe(5);
  });

  it('names what is wrong, where', () => {
    expect(errorOf('softplus x = log(x)')).toMatchObject({ line: 1, column: 1 });
    expect(errorOf('mul(a, b) = a*b')).toMatchObject({
      column: 1,
      length: 3,
      message: expect.stringContaining('already an op'),
    });
    expect(errorOf('f(x, x) = x')).toMatchObject({ column: 6, message: 'x is listed twice.' });
    expect(errorOf('f(x; exp) = x')).toMatchObject({
      column: 6,
      message: expect.stringContaining('function'),
    });
    expect(errorOf('f(x) = x + z')).toMatchObject({
      line: 1,
      column: 12,
      message: expect.stringContaining('z is not an input or a parameter of f'),
    });
    // The body's own errors keep the column of what was typed.
    expect(errorOf('f(x) = sigmod(x)')).toMatchObject({ line: 1, column: 8 });
    expect(errorOf('f(x) =   ')).toMatchObject({
      message: expect.stringContaining("Nothing after '='"),
    });
    expect(errorOf('f(x) = 3')).toMatchObject({
      message: expect.stringContaining('computes nothing'),
    });
    expect(errorOf('f(x; a; b) = x')).toMatchObject({
      message: expect.stringContaining('one ";"'),
    });
  });
});
