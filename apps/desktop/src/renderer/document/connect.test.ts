import { edgeId, nodeId, validateGraph } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { checkConnection, connect } from './connect';
import type { EditorDocument } from './editorDocument';
import { addNode } from './editorDocument';
import { seedDocument } from './testGraphs';

const id = nodeId;

describe('checkConnection', () => {
  it('refuses a cycle and names the path that would close it', () => {
    const check = checkConnection(seedDocument(), standardRegistry, {
      source: id('J'),
      target: id('u'),
      targetPort: 'a',
    });
    expect(check.kind).toBe('refused');
    if (check.kind !== 'refused') return;
    expect(check.reason).toBe('cycle');
    expect(check.path).toEqual(['u', 'v', 'J']);
    expect(check.message).toBe('Connecting J to u would make a cycle: J → u → v → J.');
  });

  it('refuses joining a node to itself', () => {
    const check = checkConnection(seedDocument(), standardRegistry, {
      source: id('u'),
      target: id('u'),
      targetPort: 'a',
    });
    expect(check).toMatchObject({
      kind: 'refused',
      reason: 'self',
      message: 'A node cannot feed itself: u → u.',
    });
  });

  it('reports an occupied port with the edge that fills it', () => {
    const doc = addNode(
      seedDocument(),
      { id: id('d'), op: 'input', params: { value: 1 } },
      { x: 0, y: 0 },
    );
    const check = checkConnection(doc, standardRegistry, {
      source: id('d'),
      target: id('u'),
      targetPort: 'a',
    });
    expect(check.kind).toBe('occupied');
    if (check.kind === 'occupied') {
      expect(check.existing.id).toBe('e1');
      expect(check.message).toBe('Port a of u is already connected from b.');
    }
  });

  it('refuses unknown ports', () => {
    const check = checkConnection(seedDocument(), standardRegistry, {
      source: id('a'),
      target: id('u'),
      targetPort: 'x',
    });
    expect(check).toMatchObject({
      kind: 'refused',
      reason: 'unknown-port',
      message: 'Mul node u has no input port "x": its ports are "a", "b".',
    });
  });

  it('refuses feeding the same port from the same node twice', () => {
    const check = checkConnection(seedDocument(), standardRegistry, {
      source: id('b'),
      target: id('u'),
      targetPort: 'a',
    });
    expect(check).toEqual({
      kind: 'refused',
      reason: 'duplicate',
      message: 'b already feeds u.a.',
    });
  });

  it('cuts a long id in its messages', () => {
    const long = id('n'.repeat(10_000));
    const doc = addNode(seedDocument(), { id: long, op: 'neg' }, { x: 0, y: 0 });
    const check = checkConnection(doc, standardRegistry, {
      source: long,
      target: long,
      targetPort: 'x',
    });
    expect(check.kind === 'refused' && check.message.length).toBeLessThan(200);
    expect(check.kind === 'refused' && check.message).toContain('(10,000 characters)');
  });
});

describe('connect', () => {
  const withD = (): EditorDocument =>
    addNode(seedDocument(), { id: id('d'), op: 'input', params: { value: 1 } }, { x: 0, y: 0 });

  it('replaces the edge in an occupied port only when asked, in one edit', () => {
    expect(
      connect(withD(), standardRegistry, { source: id('d'), target: id('u'), targetPort: 'a' })
        .kind,
    ).toBe('occupied');
    const result = connect(
      withD(),
      standardRegistry,
      { source: id('d'), target: id('u'), targetPort: 'a' },
      { replace: true },
    );
    expect(result.kind).toBe('connected');
    if (result.kind !== 'connected') return;
    const intoUa = result.doc.graph.edges.filter((e) => e.target === 'u' && e.targetPort === 'a');
    expect(intoUa.map((e) => e.source)).toEqual(['d']);
    expect(validateGraph(result.doc.graph, standardRegistry)).toEqual([]);
  });

  it('reconnecting keeps the edge id and may reuse its own port', () => {
    const result = connect(
      withD(),
      standardRegistry,
      { source: id('d'), target: id('u'), targetPort: 'a' },
      { reconnecting: edgeId('e1') },
    );
    expect(result.kind).toBe('connected');
    if (result.kind !== 'connected') return;
    expect(result.edge.id).toBe('e1');
    expect(result.doc.graph.edges.filter((e) => e.id === 'e1')).toEqual([
      { id: 'e1', source: 'd', target: 'u', targetPort: 'a' },
    ]);
  });

  it('never produces a graph the engine would reject (random connection attempts)', () => {
    let doc = withD();
    const ids = doc.graph.nodes.map((n) => n.id);
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const source = ids[random(ids.length)]!;
      const target = ids[random(ids.length)]!;
      const op = standardRegistry.get(doc.graph.nodes.find((n) => n.id === target)!.op)!;
      const port = op.inputs[random(Math.max(op.inputs.length, 1))] ?? 'x';
      const result = connect(
        doc,
        standardRegistry,
        { source, target, targetPort: port },
        { replace: random(2) === 0 },
      );
      if (result.kind === 'connected') doc = result.doc;
      expect(validateGraph(doc.graph, standardRegistry), `step ${i}`).toEqual([]);
    }
  });
});

describe('checkConnection on a deep graph', () => {
  it('finds the cycle along a 100,000-node chain without overflowing the stack', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: id(`n${i}`), op: 'neg' }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({
      id: edgeId(`e${i}`),
      source: id(`n${i}`),
      target: id(`n${i + 1}`),
      targetPort: 'x',
    }));
    const doc: EditorDocument = { graph: { nodes, edges, output: null }, positions: {} };
    const check = checkConnection(doc, standardRegistry, {
      source: id(`n${n - 1}`),
      target: id('n0'),
      targetPort: 'x',
    });
    expect(check.kind === 'refused' && check.path).toHaveLength(n);
    expect(check.kind === 'refused' && check.message).toMatch(/… \(99,989 more\)\.$/);
  }, 60_000);
});
