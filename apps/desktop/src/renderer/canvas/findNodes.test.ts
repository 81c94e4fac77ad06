import type { GraphNode } from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { findNodes } from './findNodes';

const nodes: GraphNode[] = [
  { id: nodeId('ab'), op: 'input' },
  { id: nodeId('mul1'), op: 'mul', label: 'u' },
  { id: nodeId('b'), op: 'input' },
  { id: nodeId('J'), op: 'mul' },
];

describe('findNodes', () => {
  it('puts an exact name first, then prefixes, then anything containing the query', () => {
    expect(findNodes(nodes, 'b').map((node) => node.id)).toEqual(['b', 'ab']);
    expect(findNodes(nodes, 'j').map((node) => node.id)).toEqual(['J']);
  });

  it('finds a node by its shown name and by its id', () => {
    expect(findNodes(nodes, 'u').map((node) => node.id)).toEqual(['mul1']);
    expect(findNodes(nodes, 'mul').map((node) => node.id)).toEqual(['mul1']);
  });

  it('finds nothing for an empty query or a name nobody has', () => {
    expect(findNodes(nodes, '  ')).toEqual([]);
    expect(findNodes(nodes, 'zz')).toEqual([]);
  });
});
