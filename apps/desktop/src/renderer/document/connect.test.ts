import { edgeId, nodeId, validateGraph } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { checkConnection, connect, pathBetween } from './connect';
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
    expect(check.message).toContain('cycle (u → v → J → u)');
  });

  it('refuses joining a node to itself', () => {
    const check = checkConnection(seedDocument(), standardRegistry, {
      source: id('u'),
      target: id('u'),
      targetPort: 'a',
    });
    expect(check).toMatchObject({ kind: 'refused', reason: 'self' });
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
    expect(check).toMatchObject({ kind: 'refused', reason: 'unknown-port' });
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

describe('pathBetween', () => {
  it('walks a 100,000-node chain without overflowing the stack', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: id(`n${i}`), op: 'neg' }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({
      id: edgeId(`e${i}`),
      source: id(`n${i}`),
      target: id(`n${i + 1}`),
      targetPort: 'x',
    }));
    const doc: EditorDocument = { graph: { nodes, edges, output: null }, positions: {} };
    expect(pathBetween(doc, id('n0'), id(`n${n - 1}`))).toHaveLength(n);
    expect(pathBetween(doc, id(`n${n - 1}`), id('n0'))).toBeNull();
  });
});
