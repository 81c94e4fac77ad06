import { describe, expect, it } from 'vitest';
import {
  checkEdge,
  edgeId,
  findPath,
  listItems,
  nodeId,
  quoteText,
  topologicalIndexOrder,
  topologicalOrder,
  type EdgeRuleGraph,
  type GraphEdge,
  type NodeId,
} from '@chainrule/graph-runtime';
import { testRegistry } from '../__tests__/testOps';

describe('quoteText and listItems keep messages short', () => {
  it('quotes short ids as JSON and cuts long ones with their length', () => {
    expect(quoteText('a')).toBe('"a"');
    const long = quoteText('x'.repeat(10_000_000));
    expect(long.length).toBeLessThan(100);
    expect(long).toContain('…');
    expect(long).toContain('(10,000,000 characters)');
  }, 60_000);

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(47)}😀${'b'.repeat(100)}`;
    expect(quoteText(text)).not.toMatch(/\uD83D"/);
  });

  it('names at most the limit and counts the rest', () => {
    expect(listItems(['a', 'b', 'c'], ' → ', 2)).toBe('a → b → … (1 more)');
    expect(listItems(['a', 'b'], ', ', 2)).toBe('a, b');
    const many = Array.from({ length: 100_000 }, (_, index) => `n${index}`);
    expect(listItems(many).length).toBeLessThan(200);
  }, 60_000);
});

describe('findPath', () => {
  const next = new Map<string, string[]>([
    ['a', ['b']],
    ['b', ['c', 'd']],
    ['d', ['e']],
  ]);
  const successors = (node: string, visit: (n: string) => void): void =>
    next.get(node)?.forEach(visit);

  it('returns the nodes along a path, both ends included', () => {
    expect(findPath('a', 'e', successors)).toEqual(['a', 'b', 'd', 'e']);
    expect(findPath('a', 'a', successors)).toEqual(['a']);
  });

  it('returns null when there is no path, and honours pruning', () => {
    expect(findPath('e', 'a', successors)).toBeNull();
    expect(findPath('a', 'e', successors, (node) => node !== 'd')).toBeNull();
  });

  it('walks a 200,000-node chain without recursion', () => {
    const path = findPath(0, 199_999, (node, visit) => {
      if (node < 199_999) visit(node + 1);
    });
    expect(path).toHaveLength(200_000);
  }, 60_000);
});

describe('topological order', () => {
  it('orders integer nodes and reports what a cycle leaves over', () => {
    const { order, placed } = topologicalIndexOrder(3, [0, 1], [1, 2]);
    expect([...order.slice(0, placed)]).toEqual([0, 1, 2]);
    const cyclic = topologicalIndexOrder(3, [0, 1, 2], [1, 2, 1]);
    expect(cyclic.placed).toBe(1);
    expect([...cyclic.leftoverIndegree]).toEqual([0, 1, 1]);
  });

  it('skips edges with a negative end (removed edges)', () => {
    const { placed } = topologicalIndexOrder(2, [0, -1], [1, 0]);
    expect(placed).toBe(2);
  });

  it('throws naming a cycle, with at most a dozen names', () => {
    const count = 1000;
    const nodes = Array.from({ length: count }, (_, index) => ({ id: nodeId(`n${index}`) }));
    const edges = nodes.map((node, index) => ({
      source: node.id,
      target: nodes[(index + 1) % count]!.id,
    }));
    expect(() => topologicalOrder({ nodes, edges })).toThrow(/cycle: "n\d+" → .*more\)$/);
  });
});

describe('checkEdge: the one edge rule', () => {
  const a = nodeId('a');
  const u = nodeId('u');
  const v = nodeId('v');
  const ops = new Map<NodeId, string>([
    [a, 'input'],
    [u, 'neg'],
    [v, 'add'],
  ]);
  const existing: GraphEdge[] = [{ id: edgeId('e1'), source: u, target: v, targetPort: 'a' }];
  const graph: EdgeRuleGraph = {
    hasNode: (id) => ops.has(id),
    opOf: (id) => testRegistry.get(ops.get(id) ?? ''),
    hasEdge: (id) => existing.some((edge) => edge.id === id),
    edgeIntoPort: (target, port) =>
      existing.find((edge) => edge.target === target && edge.targetPort === port)?.id,
    pathBetween: (from, to) =>
      findPath(from, to, (node, visit) =>
        existing.filter((edge) => edge.source === node).forEach((e) => visit(e.target)),
      ),
  };
  const edge = (source: string, target: string, port: string, id = 'new'): GraphEdge => ({
    id: edgeId(id),
    source: nodeId(source),
    target: nodeId(target),
    targetPort: port,
  });

  it.each([
    ['duplicate-edge', edge('a', 'u', 'x', 'e1')],
    ['missing-node', edge('zz', 'u', 'x')],
    ['self-loop', edge('u', 'u', 'x')],
    ['unknown-port', edge('a', 'u', 'nope')],
    ['cycle', edge('v', 'u', 'x')],
    ['port-taken', edge('a', 'v', 'a')],
  ])('refuses %s with one sentence', (code, candidate) => {
    const issue = checkEdge(candidate, graph);
    expect(issue?.code).toBe(code);
    expect(issue?.message.length).toBeGreaterThan(10);
  });

  it('names the cycle it would close', () => {
    expect(checkEdge(edge('v', 'u', 'x'), graph)?.cycle).toEqual([v, u, v]);
  });

  it('accepts a good edge, and a taken port when asked to skip that check', () => {
    expect(checkEdge(edge('a', 'u', 'x'), graph)).toBeNull();
    expect(checkEdge(edge('a', 'v', 'a'), graph, { skipTakenPort: true })).toBeNull();
  });
});
