import { nodeId } from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { trainableParameters } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { isFixed, withFixed } from './fixedParam';

describe('fixed inputs', () => {
  it('round-trips the flag and keeps the value', () => {
    const a = seedDocument().graph.nodes[0]!;
    const fixed = { ...a, params: withFixed(a, true) };
    expect(fixed.params).toEqual({ value: 5, fixed: 1 });
    expect(isFixed(fixed)).toBe(true);
    const free = { ...fixed, params: withFixed(fixed, false) };
    expect(free.params).toEqual({ value: 5 });
    expect(isFixed(free)).toBe(false);
  });

  it('means what the trainer means: a fixed input is not trained', () => {
    const graph: GraphSpec = seedDocument().graph;
    const marked: GraphSpec = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'a' ? { ...n, params: withFixed(n, true) } : n)),
    };
    expect(trainableParameters(graph, standardRegistry)).toContain(nodeId('a'));
    expect(trainableParameters(marked, standardRegistry)).not.toContain(nodeId('a'));
    expect(trainableParameters(marked, standardRegistry)).toEqual(
      marked.nodes.filter((n) => n.op === 'input' && !isFixed(n)).map((n) => n.id),
    );
  });
});
