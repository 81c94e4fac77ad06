import { describe, expect, it } from 'vitest';
import { createRuntime, edgeId, nodeId, type GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

/** Kinks, signs of zero, domain edges, big and tiny numbers. */
const specials = [
  -700, -3, -2, -1.5, -1, -0.5, -0, 0, 1e-300, 0.3, 0.5, 1, 1.5, 2, 3, 700, 1e300,
] as const;

const kernelOps = standardRegistry.list().filter((op) => op.kernel !== undefined);

/** x (and y) as data columns into the op, J = sum of it: dJ/dx_l is the op's slope at sample l. */
const batchGraph = (op: string, arity: number): GraphSpec => ({
  nodes: [
    { id: nodeId('x'), op: 'data' },
    { id: nodeId('y'), op: 'data' },
    { id: nodeId('f'), op },
    { id: nodeId('J'), op: 'sum' },
  ],
  edges: [
    {
      id: edgeId('ex'),
      source: nodeId('x'),
      target: nodeId('f'),
      targetPort: arity === 1 ? 'x' : 'a',
    },
    ...(arity === 2
      ? [{ id: edgeId('ey'), source: nodeId('y'), target: nodeId('f'), targetPort: 'b' }]
      : []),
    { id: edgeId('eJ'), source: nodeId('f'), target: nodeId('J'), targetPort: 'x' },
  ],
  output: nodeId('J'),
});

describe('lane kernels equal each op bit for bit', () => {
  it('names a kernel for every standard function op', () => {
    const without = standardRegistry
      .list()
      .filter((op) => op.kind === 'function' && op.kernel === undefined)
      .map((op) => op.id);
    expect(without).toEqual([]);
  });

  it.each(kernelOps.map((op) => [op.id, op] as const))(
    '%s: values and slopes of a batch',
    (_id, op) => {
      const arity = op.inputs.length;
      const pairs: [number, number][] = [];
      for (const x of specials) {
        if (arity === 1) pairs.push([x, 0]);
        else for (const y of specials) pairs.push([x, y]);
      }
      // The samples where the op and every slope are defined: a batch of them must be all ok.
      const args = (x: number, y: number): number[] => (arity === 1 ? [x] : [x, y]);
      const fine = pairs.filter(([x, y]) => {
        if (op.domain?.(...args(x, y))) return false;
        const out = op.forward(...args(x, y));
        if (!Number.isFinite(out)) return false;
        return op.derivatives.every((d) => Number.isFinite(d.fn(...args(x, y), out)));
      });
      expect(fine.length).toBeGreaterThan(arity === 1 ? 8 : 100);
      const runtime = createRuntime({
        registry: standardRegistry,
        graph: batchGraph(op.id, arity),
      });
      runtime.feed({
        [nodeId('x')]: fine.map(([x]) => x),
        [nodeId('y')]: fine.map(([, y]) => y),
      });
      const values = runtime.laneValues(nodeId('f'))!;
      const dx = runtime.laneGrads(nodeId('x'))!;
      const dy = runtime.laneGrads(nodeId('y'));
      fine.forEach(([x, y], l) => {
        const out = op.forward(...args(x, y));
        expect(values[l], `${op.id}(${args(x, y).join(', ')})`).toBe(out + 0);
        expect(dx[l], `∂${op.id}/∂${op.inputs[0]!} at ${args(x, y).join(', ')}`).toBe(
          op.derivatives[0]!.fn(...args(x, y), out) + 0,
        );
        if (arity === 2) {
          expect(dy![l], `∂${op.id}/∂b at ${x}, ${y}`).toBe(op.derivatives[1]!.fn(x, y, out) + 0);
        }
      });
      runtime.dispose();
    },
  );

  it.each(kernelOps.map((op) => [op.id, op] as const))(
    '%s: its domain check fails only where its forward is not finite',
    (_id, op) => {
      const arity = op.inputs.length;
      for (const x of specials) {
        for (const y of arity === 1 ? [0] : specials) {
          const inputs = arity === 1 ? [x] : [x, y];
          if (op.domain?.(...inputs)) {
            expect(Number.isFinite(op.forward(...inputs)), `${op.id}(${inputs.join(', ')})`).toBe(
              false,
            );
          }
        }
      }
    },
  );

  it('names the sample of a domain error in a batch', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: batchGraph('log', 1) });
    runtime.feed({ [nodeId('x')]: [1, 2, -1], [nodeId('y')]: [0, 0, 0] });
    expect(runtime.node(nodeId('f')).value()).toEqual({
      kind: 'error',
      message: 'log needs x > 0, got -1 (sample 3 of 3)',
    });
    runtime.dispose();
  });
});
