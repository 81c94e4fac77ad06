import { createOpRegistry, edgeId, nodeId, parseGraphDocument } from '@chainrule/graph-runtime';
import type { GraphSpec, OpDefinition } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { findExample } from '../examples/examples';
import { checkGradients, nudge } from './verify';

/** The seed, J = 3(a + bc) at a = 5, b = 3, c = 2: J = 33, dJ/da = 3, dJ/db = 6, dJ/dc = 9. */
const seed = (): GraphSpec => {
  const parsed = parseGraphDocument(findExample('seed.graph')!.text, standardRegistry);
  if (!parsed.ok) throw new Error('the seed example must load');
  return parsed.document.graph;
};

/** J = -x, x an input at `value`. */
const negated = (value: number): GraphSpec => ({
  nodes: [
    { id: nodeId('x'), op: 'input', params: { value } },
    { id: nodeId('J'), op: 'neg' },
  ],
  edges: [{ id: edgeId('e1'), source: nodeId('x'), target: nodeId('J'), targetPort: 'x' }],
  output: nodeId('J'),
});

describe('checkGradients', () => {
  it('agrees with backpropagation on every node of the seed, intermediates included', () => {
    const outcome = checkGradients(standardRegistry, seed());
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.ok).toBe(true);
    const numeric = Object.fromEntries(
      outcome.result.nodes.map((entry) => [
        entry.id,
        entry.kind === 'checked' ? entry.numeric : NaN,
      ]),
    );
    // dJ/da = 3, dJ/db = 6, dJ/dc = 9, dJ/du = dJ/dv = 3, dJ/d3 = v = 11, dJ/dJ = 1.
    const expected = { a: 3, b: 6, c: 9, u: 3, v: 3, three: 11, J: 1 };
    for (const [id, value] of Object.entries(expected)) expect(numeric[id]).toBeCloseTo(value, 6);
  });

  it('localises a wrong local derivative to the nodes upstream of the faulty edge', () => {
    const mul = standardRegistry.get('mul')!;
    if (mul.kind !== 'function') throw new Error('mul is a function op');
    // ∂(a·b)/∂b deliberately wrong: 2a instead of a.
    const badMul: OpDefinition = {
      ...mul,
      id: 'badmul',
      derivatives: [mul.derivatives[0]!, { formula: 'wrong', fn: (a: number) => 2 * a }],
    } as OpDefinition;
    const registry = createOpRegistry([...standardRegistry.list(), badMul]);
    const graph = seed();
    const broken: GraphSpec = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === 'u' ? { ...node, op: 'badmul' } : node)),
    };
    const outcome = checkGradients(registry, broken);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.ok).toBe(false);
    const failing = outcome.result.nodes
      .filter((entry) => entry.kind === 'checked' && !entry.ok)
      .map((entry) => entry.id);
    expect(failing).toEqual(['c']);
    const c = outcome.result.nodes.find((entry) => entry.id === 'c')!;
    expect(c.kind === 'checked' && [c.analytic, c.numeric.toFixed(6)]).toEqual([18, '9.000000']);
  });

  it('explains, without throwing, a graph without an output or without a value for J', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('x'), op: 'input', params: { value: -1 } },
        { id: nodeId('y'), op: 'log' },
      ],
      edges: [{ id: edgeId('e1'), source: nodeId('x'), target: nodeId('y'), targetPort: 'x' }],
      output: null,
    };
    expect(checkGradients(standardRegistry, graph)).toEqual({
      ok: false,
      message: 'Choose an output J first: gradients are dJ/d(node).',
    });
    const noValue = checkGradients(standardRegistry, { ...graph, output: nodeId('y') });
    expect(noValue.ok).toBe(false);
    expect(!noValue.ok && noValue.message).toMatch(/^J has no value \(log needs x > 0/);
  });

  it('skips, with its reason, a node whose finite-difference step overflows the largest double', () => {
    const outcome = checkGradients(standardRegistry, negated(Number.MAX_VALUE));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.ok).toBe(true);
    const [x, j] = outcome.result.nodes;
    expect(x).toMatchObject({ id: 'x', kind: 'skipped' });
    expect(x?.kind === 'skipped' && x.reason).toMatch(/overflows the largest number/);
    // J itself sits at -MAX_VALUE: its step overflows too, and it is skipped the same way.
    expect(j).toMatchObject({ id: 'J', kind: 'skipped' });
  });
});

describe('nudge', () => {
  it('predicts the change in J exactly where J is linear in the input (b in the seed)', () => {
    const outcome = nudge(standardRegistry, seed(), nodeId('b'), 0.1);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.gradient).toBe(6);
    expect(outcome.result.predicted).toBeCloseTo(0.6, 12);
    expect(outcome.result.actual).toBeCloseTo(0.6, 12);
    expect(outcome.result.jBefore).toBe(33);
  });

  it('shows the second-order gap where J curves: J = x², x = 3, Δ = 0.1', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('x'), op: 'input', params: { value: 3 } },
        { id: nodeId('J'), op: 'square' },
      ],
      edges: [{ id: edgeId('e1'), source: nodeId('x'), target: nodeId('J'), targetPort: 'x' }],
      output: nodeId('J'),
    };
    const outcome = nudge(standardRegistry, graph, nodeId('x'), 0.1);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.predicted).toBeCloseTo(0.6, 12);
    expect(outcome.result.actual).toBeCloseTo(0.61, 12);
  });

  it('explains why it cannot nudge: no output, or J undefined after the nudge', () => {
    expect(nudge(standardRegistry, { ...seed(), output: null }, nodeId('a'), 1)).toEqual({
      ok: false,
      message: 'Choose an output J first.',
    });
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('x'), op: 'input', params: { value: 0.5 } },
        { id: nodeId('J'), op: 'log' },
      ],
      edges: [{ id: edgeId('e1'), source: nodeId('x'), target: nodeId('J'), targetPort: 'x' }],
      output: nodeId('J'),
    };
    const outcome = nudge(standardRegistry, graph, nodeId('x'), -1);
    expect(outcome.ok).toBe(false);
  });

  it('refuses, with a sentence instead of an exception, a nudge past the largest double', () => {
    const outcome = nudge(standardRegistry, negated(Number.MAX_VALUE), nodeId('x'), 1e300);
    expect(outcome).toEqual({
      ok: false,
      message: '1.79769e308 + 1e300 overflows the largest number; try a smaller Δ.',
    });
  });
});
