import { nodeId, validateGraph } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from './editorDocument';
import { extractFragment, insertFragment, parseFragment, sanitizeFragment } from './fragment';
import { seedDocument } from './testGraphs';

describe('copy and paste', () => {
  it('keeps the edges between copied nodes and drops the ones leaving the selection', () => {
    const fragment = extractFragment(seedDocument(), ['b', 'c', 'u', 'v'].map(nodeId));
    expect(fragment.nodes.map((n) => n.id)).toEqual(['b', 'c', 'u', 'v']);
    // b→u, c→u, u→v are internal; a→v and v→J leave the selection
    expect(fragment.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
  });

  it('pastes into the same graph with fresh ids, shifted, keeping internal wiring', () => {
    const doc = seedDocument();
    const fragment = extractFragment(doc, ['b', 'c', 'u'].map(nodeId));
    const { doc: pasted, nodeIds } = insertFragment(doc, fragment, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['d', 'e', 'mul1']);
    expect(pasted.graph.edges.slice(-2).map((e) => [e.source, e.target, e.targetPort])).toEqual([
      ['d', 'mul1', 'a'],
      ['e', 'mul1', 'b'],
    ]);
    expect(pasted.positions['mul1']).toEqual({ x: 280, y: 220 });
    expect(validateGraph(pasted.graph, standardRegistry)).toEqual([]);
  });

  it('pastes into another graph through clipboard text', () => {
    const text = JSON.stringify(extractFragment(seedDocument(), ['a', 'u', 'v', 'b'].map(nodeId)));
    const fragment = parseFragment(text);
    expect(fragment).not.toBeNull();
    const { doc } = insertFragment(emptyDocument(), sanitizeFragment(fragment!, standardRegistry), {
      x: 0,
      y: 0,
    });
    expect(doc.graph.nodes.map((n) => n.op)).toEqual(['input', 'input', 'mul', 'add']);
    expect(doc.graph.edges).toHaveLength(3);
    expect(validateGraph(doc.graph, standardRegistry)).toEqual([]);
  });

  it('refuses text that is not a fragment', () => {
    for (const text of ['', 'hello', '{}', '[1,2]', '{"kind":"chainrule-fragment","nodes":3}']) {
      expect(parseFragment(text), text).toBeNull();
    }
  });

  it('sanitizes hostile fragments into something the engine accepts', () => {
    const fragment = parseFragment(
      JSON.stringify({
        kind: 'chainrule-fragment',
        nodes: [
          { id: 'x', op: 'input', params: { value: 'NaN' } },
          { id: 'y', op: 'evil' },
          { id: 'n', op: 'neg' },
          { id: 'm', op: 'neg' },
        ],
        edges: [
          { id: 'e1', source: 'x', target: 'n', targetPort: 'x' },
          { id: 'e2', source: 'x', target: 'n', targetPort: 'x' },
          { id: 'e3', source: 'y', target: 'n', targetPort: 'x' },
          { id: 'e4', source: 'n', target: 'm', targetPort: 'x' },
          { id: 'e5', source: 'm', target: 'n', targetPort: 'x' },
          { id: 'e6', source: 'x', target: 'm', targetPort: 'nope' },
        ],
        positions: { x: { x: 0, y: 'a' } },
      }),
    );
    const clean = sanitizeFragment(fragment!, standardRegistry);
    expect(clean.nodes.map((n) => n.id)).toEqual(['x', 'n', 'm']);
    expect(clean.nodes[0]!.params).toEqual({ value: 0 });
    const { doc } = insertFragment(emptyDocument(), clean, { x: 0, y: 0 });
    expect(validateGraph(doc.graph, standardRegistry)).toEqual([]);
    expect(doc.graph.edges).toHaveLength(2);
  });
});
