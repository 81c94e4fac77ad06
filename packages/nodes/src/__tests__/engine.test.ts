import { describe, expect, it } from 'vitest';
import {
  edgeId,
  evaluate,
  gradcheck,
  nodeId,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
} from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

/** A graph feeding sources with the given values into one op `f`, whose output is J. */
const oneOpGraph = (op: string, values: readonly number[]): GraphSpec => {
  const ports = standardRegistry.get(op)?.inputs ?? [];
  const nodes: GraphNode[] = ports.map((port, i) => ({
    id: nodeId(port),
    op: 'input',
    params: { value: values[i] },
  }));
  const edges: GraphEdge[] = ports.map((port) => ({
    id: edgeId(`${port}->f`),
    source: nodeId(port),
    target: nodeId('f'),
    targetPort: port,
  }));
  return { nodes: [...nodes, { id: nodeId('f'), op }], edges, output: nodeId('f') };
};

/** A smooth interior point for each op, so the engine's gradcheck is a fair test. */
const interiorPoint: Readonly<Record<string, readonly number[]>> = {
  add: [1.5, -2],
  sub: [1.5, -2],
  mul: [1.5, -2],
  div: [1.5, -2],
  pow: [1.7, 2.3],
  max: [1.5, -2],
  min: [1.5, -2],
  neg: [0.7],
  abs: [-0.7],
  square: [-0.7],
  sqrt: [0.7],
  exp: [0.7],
  log: [0.7],
  sin: [0.7],
  cos: [0.7],
  tanh: [0.7],
  sigmoid: [-0.7],
  relu: [0.7],
};

const snapshotOf = (graph: GraphSpec) => evaluate(standardRegistry, graph);

describe('the standard ops inside the engine', () => {
  it('J = 3(a + bc) with a=5, b=3, c=2 gives 33 and gradients 3, 6, 9', () => {
    const n = (id: string, op: string, value?: number): GraphNode => ({
      id: nodeId(id),
      op,
      ...(value === undefined ? {} : { params: { value } }),
    });
    const e = (source: string, target: string, port: string): GraphEdge => ({
      id: edgeId(`${source}->${target}.${port}`),
      source: nodeId(source),
      target: nodeId(target),
      targetPort: port,
    });
    const graph: GraphSpec = {
      nodes: [
        n('a', 'input', 5),
        n('b', 'input', 3),
        n('c', 'input', 2),
        n('three', 'const', 3),
        n('u', 'mul'),
        n('v', 'add'),
        n('J', 'mul'),
      ],
      edges: [
        e('b', 'u', 'a'),
        e('c', 'u', 'b'),
        e('a', 'v', 'a'),
        e('u', 'v', 'b'),
        e('three', 'J', 'a'),
        e('v', 'J', 'b'),
      ],
      output: nodeId('J'),
    };
    const snapshot = snapshotOf(graph);
    const value = (id: string) => snapshot.nodes.get(nodeId(id))?.value;
    const grad = (id: string) => snapshot.nodes.get(nodeId(id))?.grad;
    expect([value('u'), value('v'), value('J')]).toEqual([
      { kind: 'ok', value: 6 },
      { kind: 'ok', value: 11 },
      { kind: 'ok', value: 33 },
    ]);
    expect([grad('a'), grad('b'), grad('c')]).toEqual([
      { kind: 'ok', value: 3 },
      { kind: 'ok', value: 6 },
      { kind: 'ok', value: 9 },
    ]);
    expect(gradcheck(standardRegistry, graph).ok).toBe(true);
  });

  it.each(
    standardRegistry
      .list()
      .filter((op) => op.kind === 'function')
      .map((op) => [op.id] as const),
  )('%s passes the engine gradcheck at an interior point', (id) => {
    const point = interiorPoint[id];
    if (!point) throw new Error(`no interior point for ${id}: add one`);
    const result = gradcheck(standardRegistry, oneOpGraph(id, point), { nodes: 'all' });
    // Every input and the op itself is differenced: none may be skipped at an interior point.
    expect(result.nodes.map((entry) => entry.kind)).toEqual(
      Array.from({ length: point.length + 1 }, () => 'checked'),
    );
    expect(result.ok, JSON.stringify(result.nodes)).toBe(true);
  });

  it('shows domain errors as the op wrote them, and blocks what depends on them', () => {
    const snapshot = snapshotOf(oneOpGraph('log', [-1]));
    expect(snapshot.nodes.get(nodeId('f'))?.value).toEqual({
      kind: 'error',
      message: 'log needs x > 0, got -1',
    });
    expect(snapshotOf(oneOpGraph('div', [1, 0])).nodes.get(nodeId('f'))?.value).toEqual({
      kind: 'error',
      message: 'division by zero: b = 0 (a / b needs b ≠ 0)',
    });
    expect(snapshotOf(oneOpGraph('pow', [-2, 0.5])).nodes.get(nodeId('f'))?.value).toEqual({
      kind: 'error',
      message: 'a negative base needs an integer exponent, got (-2)^0.5',
    });
  });

  it("reports sqrt's infinite slope at 0 instead of a number", () => {
    const snapshot = snapshotOf(oneOpGraph('sqrt', [0]));
    expect(snapshot.nodes.get(nodeId('f'))?.value).toEqual({ kind: 'ok', value: 0 });
    const gradient = snapshot.nodes.get(nodeId('x'))?.grad;
    expect(gradient?.kind).toBe('unavailable');
    expect(gradient?.kind === 'unavailable' && gradient.message).toContain(
      'sqrt has an infinite slope at x = 0',
    );
  });

  it('leaves overflow to the engine: exp(1000) is an error, not Infinity', () => {
    const value = snapshotOf(oneOpGraph('exp', [1000])).nodes.get(nodeId('f'))?.value;
    expect(value?.kind).toBe('error');
  });

  it('sigmoid and tanh stay finite with finite gradients at x = ±1000', () => {
    for (const op of ['sigmoid', 'tanh']) {
      for (const x of [-1000, 1000]) {
        const snapshot = snapshotOf(oneOpGraph(op, [x]));
        expect(snapshot.nodes.get(nodeId('f'))?.value.kind, `${op}(${x})`).toBe('ok');
        expect(snapshot.nodes.get(nodeId('x'))?.grad, `${op}'(${x})`).toEqual({
          kind: 'ok',
          value: 0,
        });
      }
    }
  });
});
