import { describe, expect, it } from 'vitest';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphEdge, GraphNode, GraphSpec } from '@chainrule/graph-runtime';
import { layeredPositions } from './layeredPositions';

const node = (id: string, op = 'add'): GraphNode => ({ id: nodeId(id), op });
const edge = (source: string, target: string, port: string): GraphEdge => ({
  id: edgeId(`${source}-${target}.${port}`),
  source: nodeId(source),
  target: nodeId(target),
  targetPort: port,
});

describe('layeredPositions', () => {
  //  b ─┐
  //     u ─┐
  //  c ─┘  v ─┐
  //  a ────┘  J
  //  3 ───────┘
  const seed: GraphSpec = {
    nodes: [
      node('a', 'input'),
      node('b', 'input'),
      node('c', 'input'),
      node('three', 'const'),
      node('u', 'mul'),
      node('v'),
      node('J', 'mul'),
    ],
    edges: [
      edge('b', 'u', 'a'),
      edge('c', 'u', 'b'),
      edge('a', 'v', 'a'),
      edge('u', 'v', 'b'),
      edge('three', 'J', 'a'),
      edge('v', 'J', 'b'),
    ],
  };

  it('puts each node one column right of its furthest input and sources next to their consumer', () => {
    const at = layeredPositions(seed, { columnWidth: 100, rowHeight: 10 });
    const column = (id: string) => at.get(nodeId(id))!.x / 100;
    expect([column('b'), column('c'), column('u'), column('v'), column('J')]).toEqual([
      0, 0, 1, 2, 3,
    ]);
    expect(column('a')).toBe(1); // pulled right, next to v
    expect(column('three')).toBe(2); // next to J
  });

  it('orders rows by the consumer’s port: port a above port b, and never stacks two nodes', () => {
    const at = layeredPositions(seed);
    expect(at.get(nodeId('b'))!.y).toBeLessThan(at.get(nodeId('c'))!.y);
    expect(at.get(nodeId('a'))!.y).toBeLessThan(at.get(nodeId('u'))!.y);
    const keys = [...at.values()].map((p) => `${p.x},${p.y}`);
    expect(new Set(keys).size).toBe(seed.nodes.length);
  });

  it('places a 100,000-node chain without recursion, one column per node', () => {
    const nodes = [node('x0', 'input')];
    const edges: GraphEdge[] = [];
    for (let i = 1; i < 100_000; i++) {
      nodes.push(node(`x${i}`, 'sin'));
      edges.push(edge(`x${i - 1}`, `x${i}`, 'x'));
    }
    const at = layeredPositions({ nodes, edges }, { columnWidth: 1 });
    expect(at.get(nodeId('x99999'))!.x).toBe(99_999);
  });

  it('still places every node of an invalid, cyclic graph', () => {
    const at = layeredPositions({
      nodes: [node('p'), node('q'), node('r', 'input')],
      edges: [edge('p', 'q', 'a'), edge('q', 'p', 'a'), edge('r', 'p', 'b')],
    });
    expect(at.size).toBe(3);
  });
});
