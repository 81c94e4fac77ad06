import { evaluate, nodeId, validateGraph } from '@chainrule/graph-runtime';
import type { NodeId } from '@chainrule/graph-runtime';
import { expressionToGraph } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { expressionDocument } from './expressionDocument';

const build = (source: string) => {
  const result = expressionToGraph(source, { registry: standardRegistry });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const valueOf = (graph: Parameters<typeof evaluate>[1], id: NodeId): number => {
  const state = evaluate(standardRegistry, graph).nodes.get(id)!.value;
  if (state.kind !== 'ok') throw new Error(state.message);
  return state.value;
};

describe('expressionDocument', () => {
  it('replaces the document with the seed typed as an expression: J reads 33', () => {
    const built = build('J = 3*(a + b*c)\na = 5\nb = 3\nc = 2');
    const doc = expressionDocument({ ...emptyDocument(), name: 'mine' }, built, 'replace');
    expect(doc.name).toBe('mine');
    expect(valueOf(doc.graph, nodeId('J'))).toBe(33);
    expect(Object.keys(doc.positions).sort()).toEqual(doc.graph.nodes.map((n) => n.id).sort());
    // Laid out left to right: J is right of every input.
    for (const input of ['a', 'b', 'c'])
      expect(doc.positions['J']!.x).toBeGreaterThan(doc.positions[input]!.x);
  });

  it('inserts below an existing graph, renaming clashing ids but keeping names and the output', () => {
    const before = seedDocument();
    const doc = expressionDocument(before, build('y = a*a\na = 4'), 'insert');
    expect(validateGraph(doc.graph, standardRegistry)).toEqual([]);
    expect(doc.graph.output).toBe('J');
    expect(doc.graph.nodes).toHaveLength(before.graph.nodes.length + 2);
    const renamed = doc.graph.nodes.find((n) => n.id === 'a_2')!;
    expect(renamed.label).toBe('a');
    expect(valueOf(doc.graph, nodeId('y'))).toBe(16);
    expect(valueOf(doc.graph, nodeId('J'))).toBe(33);
    const lowest = Math.max(...Object.values(before.positions).map((p) => p.y));
    expect(doc.positions['y']!.y).toBeGreaterThan(lowest);
    expect(new Set(doc.graph.edges.map((e) => e.id)).size).toBe(doc.graph.edges.length);
  });

  it('takes the expression output when inserting into a document that has none', () => {
    const before = { ...seedDocument(), graph: { ...seedDocument().graph, output: null } };
    const doc = expressionDocument(before, build('q = 2*a'), 'insert');
    expect(doc.graph.output).toBe('q');
  });
});
