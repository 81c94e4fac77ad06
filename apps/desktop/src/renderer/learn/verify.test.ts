import { createOpRegistry, edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphSpec, OpDefinition } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { checkEveryGradient, cutGraphAt, nudge } from './verify';

const seed = (): GraphSpec => seedDocument().graph;

describe('checkEveryGradient', () => {
  it('agrees with backpropagation on every node of the seed, intermediates included', () => {
    const report = checkEveryGradient(standardRegistry, seed());
    expect(report.ok).toBe(true);
    const numeric = Object.fromEntries(
      report.entries.map((entry) => [entry.id, entry.kind === 'checked' ? entry.numeric : NaN]),
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
    const report = checkEveryGradient(registry, broken);
    expect(report.ok).toBe(false);
    const failing = report.entries
      .filter((entry) => entry.kind === 'checked' && !entry.ok)
      .map((entry) => entry.id);
    expect(failing).toEqual(['c']);
    const c = report.entries.find((entry) => entry.id === 'c')!;
    expect(c.kind === 'checked' && [c.analytic, c.numeric.toFixed(6)]).toEqual([18, '9.000000']);
  });

  it('skips a node whose value is an error and refuses a graph without an output', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('x'), op: 'input', params: { value: -1 } },
        { id: nodeId('y'), op: 'log' },
      ],
      edges: [{ id: edgeId('e1'), source: nodeId('x'), target: nodeId('y'), targetPort: 'x' }],
      output: null,
    };
    expect(() => checkEveryGradient(standardRegistry, graph)).toThrow(/output J/);
    expect(() => checkEveryGradient(standardRegistry, { ...graph, output: nodeId('y') })).toThrow(
      /no value/,
    );
  });

  it('cuts a graph at a node: it becomes an input with that value and loses its in-edges', () => {
    const cut = cutGraphAt(seed(), nodeId('u'), 6);
    expect(cut.nodes.find((node) => node.id === 'u')).toEqual({
      id: 'u',
      op: 'input',
      params: { value: 6 },
    });
    expect(cut.edges.map((edge) => edge.id)).toEqual(['e3', 'e4', 'e5', 'e6']);
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
});
