import { edgeId, nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  freshEdgeId,
  freshNodeId,
  moveNodes,
  removeElements,
  setLabel,
  setOutput,
  setValue,
  symbolName,
} from './editorDocument';
import { seedDocument } from './testGraphs';

describe('document edits', () => {
  it('removing a node removes its edges and clears the output when it was J', () => {
    const doc = removeElements(seedDocument(), [nodeId('J')]);
    expect(doc.graph.nodes.map((n) => n.id)).not.toContain('J');
    expect(doc.graph.edges.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(doc.graph.output).toBeNull();
    expect(doc.positions['J']).toBeUndefined();
  });

  it('removing an edge keeps both nodes', () => {
    const doc = removeElements(seedDocument(), [], [edgeId('e4')]);
    expect(doc.graph.nodes).toHaveLength(7);
    expect(doc.graph.edges.map((e) => e.id)).not.toContain('e4');
  });

  it('a value edit shares every other node and the layout', () => {
    const before = seedDocument();
    const after = setValue(before, nodeId('b'), 4);
    expect(after.graph.nodes.find((n) => n.id === 'b')?.params).toEqual({ value: 4 });
    after.graph.nodes.forEach((n, i) => n.id !== 'b' && expect(n).toBe(before.graph.nodes[i]));
    expect(after.graph.edges).toBe(before.graph.edges);
    expect(after.positions).toBe(before.positions);
    // setting the same value is no edit at all
    expect(setValue(after, nodeId('b'), 4)).toBe(after);
  });

  it('moving nodes leaves the graph untouched and ignores unknown ids', () => {
    const before = seedDocument();
    const after = moveNodes(before, { a: { x: 10, y: 20 }, ghost: { x: 1, y: 1 } });
    expect(after.graph).toBe(before.graph);
    expect(after.positions['a']).toEqual({ x: 10, y: 20 });
    expect(after.positions['ghost']).toBeUndefined();
    expect(moveNodes(after, { a: { x: 10, y: 20 } })).toBe(after);
  });

  it('labels fall back to the id when cleared', () => {
    const named = setLabel(seedDocument(), nodeId('u'), ' product ');
    expect(named.graph.nodes.find((n) => n.id === 'u')?.label).toBe('product');
    const cleared = setLabel(named, nodeId('u'), '');
    expect(cleared.graph.nodes.find((n) => n.id === 'u')).not.toHaveProperty('label');
  });

  it('setting the same output is no edit', () => {
    const doc = seedDocument();
    expect(setOutput(doc, nodeId('J'))).toBe(doc);
    expect(setOutput(doc, nodeId('v')).graph.output).toBe('v');
  });

  it('fresh ids: letters for inputs as in the seed, op + number for others', () => {
    expect(freshNodeId(new Set(), 'input')).toBe('a');
    expect(freshNodeId(new Set(['a', 'b']), 'input')).toBe('c');
    expect(freshNodeId(new Set('abcdefghijklmnopqrstuvwxyz'), 'input')).toBe('x1');
    expect(freshNodeId(new Set(['mul1']), 'mul')).toBe('mul2');
    expect(freshEdgeId(new Set(['e1', 'e3']))).toBe('e2');
  });

  it('names nodes in formulas by the part of their label before "="', () => {
    expect(symbolName({ id: nodeId('u'), op: 'mul', label: 'u = bc' })).toBe('u');
    expect(symbolName({ id: nodeId('k'), op: 'const', label: '3' })).toBe('3');
    expect(symbolName({ id: nodeId('w'), op: 'mul', label: '= oops' })).toBe('w');
    expect(symbolName({ id: nodeId('w'), op: 'mul' })).toBe('w');
  });

  it('adds a node with its position', () => {
    const doc = addNode(
      seedDocument(),
      { id: nodeId('d'), op: 'input', params: { value: 1 } },
      { x: 5, y: 6 },
    );
    expect(doc.graph.nodes.at(-1)?.id).toBe('d');
    expect(doc.positions['d']).toEqual({ x: 5, y: 6 });
  });
});
