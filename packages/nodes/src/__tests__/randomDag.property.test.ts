import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  edgeId,
  nodeId,
  type GraphEdge,
  type GraphNode,
} from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

/**
 * Random DAGs built from every op in the library: the engine's gradient of J with respect to
 * every input must agree with central finite differences. Points where the function is not
 * smooth at the scale of the nudge (a kink of relu/abs/max/min nearby, a domain edge) are
 * detected by comparing two step sizes and skipped, so the test checks derivatives, not luck.
 */
const functionOps = standardRegistry.list().filter((op) => op.kind === 'function');

const graphArbitrary = fc
  .record({
    // Values on a grid offset from 0 keep the test about derivatives, not about subnormal
    // underflow (x² of 1e-309 is 0) or sitting exactly on relu's kink.
    inputs: fc.array(
      fc.integer({ min: -200, max: 200 }).map((step) => step / 100 + 0.003),
      { minLength: 1, maxLength: 4 },
    ),
    layers: fc.array(
      fc.record({
        op: fc.constantFrom(...functionOps.map((op) => op.id)),
        picks: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 14 },
    ),
  })
  .map(({ inputs, layers }) => {
    const nodes: GraphNode[] = inputs.map((value, index) => ({
      id: nodeId(`x${index}`),
      op: 'input',
      params: { value },
    }));
    const edges: GraphEdge[] = [];
    layers.forEach((layer, index) => {
      const id = nodeId(`n${index}`);
      const op = standardRegistry.get(layer.op)!;
      op.inputs.forEach((port, portIndex) => {
        const source = nodes[layer.picks[portIndex]! % nodes.length]!;
        edges.push({
          id: edgeId(`e${edges.length}`),
          source: source.id,
          target: id,
          targetPort: port,
        });
      });
      nodes.push({ id, op: op.id });
    });
    return { nodes, edges, output: nodes[nodes.length - 1]!.id };
  });

describe('random DAGs of every op', () => {
  it('have gradients that agree with finite differences (seed printed on failure)', () => {
    // Fixed by default so CI is reproducible; FC_SEED=<n> explores (the seed is in every message).
    const seed = Number(process.env['FC_SEED'] ?? 20261126);
    let checked = 0;
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        const runtime = createRuntime({ registry: standardRegistry, graph });
        const J = runtime.node(graph.output);
        const readJ = () => {
          const state = J.value();
          return state.kind === 'ok' ? state.value : null;
        };
        const j0 = readJ();
        if (j0 === null || Math.abs(j0) > 1e6) return;
        for (const input of graph.nodes.filter((node) => node.op === 'input')) {
          const gradient = runtime.node(input.id).grad();
          if (gradient.kind !== 'ok') continue;
          const x0 = input.params!['value'] as number;
          const at = (h: number) => {
            runtime.setValue(input.id, x0 + h);
            const j = readJ();
            runtime.setValue(input.id, x0);
            return j;
          };
          const estimate = (h: number) => {
            const up = at(h);
            const down = at(-h);
            return up === null || down === null ? null : (up - down) / (2 * h);
          };
          const coarse = estimate(1e-4);
          const fine = estimate(1e-5);
          const right = at(1e-6);
          const left = at(-1e-6);
          if (coarse === null || fine === null || right === null || left === null) continue;
          const scale = Math.max(1, Math.abs(fine));
          // Not smooth at this scale: a kink (one-sided slopes differ, as for relu at 0) or a
          // steep region (two step sizes disagree) lies within the nudge.
          const rightSlope = (right - j0) / 1e-6;
          const leftSlope = (j0 - left) / 1e-6;
          if (Math.abs(rightSlope - leftSlope) > 1e-3 * scale) continue;
          if (Math.abs(coarse - fine) > 1e-4 * scale) continue;
          checked++;
          expect(
            Math.abs(gradient.value - fine) / scale,
            `dJ/d${input.id} (seed ${seed})`,
          ).toBeLessThan(1e-4);
        }
        runtime.dispose();
      }),
      { numRuns: 300, seed },
    );
    // The filter must leave most of the work in: otherwise the test would prove nothing.
    expect(checked).toBeGreaterThan(200);
  }, 60_000);
});
