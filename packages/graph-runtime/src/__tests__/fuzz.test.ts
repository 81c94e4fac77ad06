import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  edgeId,
  nodeId,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
  type Runtime,
} from '@chainrule/graph-runtime';
import { mulberry32 } from './random';
import { testOps, testRegistry } from './testOps';

/**
 * A deliberately naive reference: evaluates the whole graph from scratch in a topological order
 * found by repeated scanning, then sweeps adjoints backwards. Quadratic, obviously right, and
 * independent of the engine's heaps, stamps and incremental bookkeeping.
 */
const reference = (graph: GraphSpec) => {
  const opOf = (node: GraphNode) => testOps.find((op) => op.id === node.op)!;
  const inputsOf = (node: GraphNode) =>
    opOf(node).inputs.map((port) =>
      graph.edges.find((edge) => edge.target === node.id && edge.targetPort === port),
    );
  const order: GraphNode[] = [];
  const placed = new Set<string>();
  while (order.length < graph.nodes.length) {
    for (const node of graph.nodes) {
      if (placed.has(node.id)) continue;
      if (inputsOf(node).every((edge) => !edge || placed.has(edge.source))) {
        order.push(node);
        placed.add(node.id);
      }
    }
  }
  const value = new Map<string, number | null>();
  for (const node of order) {
    const op = opOf(node);
    if (op.kind === 'source') {
      value.set(node.id, node.params!['value'] as number);
      continue;
    }
    const args = inputsOf(node).map((edge) => (edge ? (value.get(edge.source) ?? null) : null));
    if (args.some((arg) => arg === null)) {
      value.set(node.id, null);
      continue;
    }
    const numbers = args as number[];
    const result = op.domain?.(...numbers) ? Number.NaN : op.forward(...numbers);
    value.set(node.id, Number.isFinite(result) ? result : null);
  }
  const grad = new Map<string, number>();
  const output = graph.output;
  if (output != null && value.get(output) !== null) {
    // Only nodes with a value have a gradient; the rest are 'unavailable' in the engine.
    for (const node of order) if (value.get(node.id) !== null) grad.set(node.id, 0);
    grad.set(output, 1);
    for (const node of [...order].reverse()) {
      const op = opOf(node);
      const upstream = grad.get(node.id)!;
      if (op.kind === 'source' || upstream === undefined || upstream === 0) continue;
      const edges = inputsOf(node);
      const args = edges.map((edge) => value.get(edge!.source)!);
      edges.forEach((edge, index) => {
        const local = op.derivatives[index]!.fn(...args, value.get(node.id)!);
        grad.set(edge!.source, grad.get(edge!.source)! + upstream * local);
      });
    }
  }
  return { value, grad };
};

/**
 * Every state and every message of the incremental runtime must equal those of a runtime built
 * from scratch on its `spec()`: nodes (value and gradient) and edges alike.
 */
const compareWithRebuild = (
  runtime: Runtime,
  seed: number,
  prepare?: (rebuilt: Runtime) => void,
) => {
  const rebuilt = createRuntime({ registry: testRegistry, graph: runtime.spec() });
  prepare?.(rebuilt);
  const got = runtime.snapshot();
  const want = rebuilt.snapshot();
  expect([...got.nodes.keys()], `nodes (seed ${seed})`).toEqual([...want.nodes.keys()]);
  for (const [id, state] of want.nodes) {
    expect(got.nodes.get(id), `node ${id} after edits (seed ${seed})`).toEqual(state);
  }
  expect([...got.edges.keys()], `edges (seed ${seed})`).toEqual([...want.edges.keys()]);
  for (const [id, state] of want.edges) {
    expect(got.edges.get(id), `edge ${id} after edits (seed ${seed})`).toEqual(state);
  }
  rebuilt.dispose();
};

const compare = (runtime: Runtime, seed: number) => {
  compareWithRebuild(runtime, seed);
  const expected = reference(runtime.spec());
  for (const [id, want] of expected.value) {
    const got = runtime.node(nodeId(id)).value();
    const label = `node ${id} (seed ${seed})`;
    if (want === null) expect(got.kind, label).not.toBe('ok');
    else expect(got, label).toEqual({ kind: 'ok', value: want });
  }
  for (const [id, want] of expected.grad) {
    const got = runtime.node(nodeId(id)).grad();
    if (!Number.isFinite(want)) continue;
    expect(got.kind, `grad ${id} (seed ${seed})`).toBe('ok');
    if (got.kind === 'ok') {
      expect(Math.abs(got.value - want), `grad ${id} (seed ${seed})`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(want)),
      );
    }
  }
};

const functionOps = testOps.filter((op) => op.kind === 'function');

/**
 * Random graph, then random edits, comparing with the reference after each. `wide` graphs pick
 * inputs among the first few nodes, so one edit reaches hundreds of nodes at once: that drives
 * both passes past their heap into the rank sweep.
 */
const checkRandomEdits = (minSize: number, maxSize: number, wide: boolean, numRuns: number) =>
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const nodes: GraphNode[] = [];
      const edges: GraphEdge[] = [];
      let nextEdge = 0;
      const size = minSize + Math.floor(random() * (maxSize - minSize));
      for (let index = 0; index < size; index++) {
        const id = nodeId(`n${index}`);
        if (index < 2 || random() < 0.25) {
          nodes.push({
            id,
            op: 'input',
            params: { value: Math.round((random() * 4 - 2) * 100) / 100 },
          });
          continue;
        }
        const op = pick(functionOps);
        nodes.push({ id, op: op.id });
        for (const port of op.inputs) {
          if (random() < 0.05) continue; // leave some ports unconnected
          const upstream = nodes.slice(0, wide && random() < 0.6 ? Math.min(3, index) : index);
          edges.push({
            id: edgeId(`e${nextEdge++}`),
            source: pick(upstream).id,
            target: id,
            targetPort: port,
          });
        }
      }
      const runtime = createRuntime({
        registry: testRegistry,
        graph: { nodes, edges, output: nodes[nodes.length - 1]!.id },
      });
      compare(runtime, seed);
      for (let step = 0; step < 12; step++) {
        const roll = random();
        const spec = runtime.spec();
        const sources = spec.nodes.filter((node) => node.op === 'input');
        if (roll < 0.45 && sources.length > 0) {
          runtime.setValue(pick(sources).id, Math.round((random() * 6 - 3) * 100) / 100);
        } else if (roll < 0.6) {
          runtime.batch(() => {
            for (const source of sources.slice(0, 3))
              runtime.setValue(source.id, Math.round(random() * 300) / 100);
          });
        } else if (roll < 0.7 && spec.edges.length > 0) {
          runtime.removeEdge(pick(spec.edges).id);
        } else if (roll < 0.8) {
          // Try to fill a free port from a random node; cycles and taken ports are refused.
          const target = pick(spec.nodes);
          const op = testOps.find((candidate) => candidate.id === target.op)!;
          const free = op.inputs.filter(
            (port) =>
              !spec.edges.some((edge) => edge.target === target.id && edge.targetPort === port),
          );
          if (free.length > 0) {
            try {
              runtime.addEdge({
                id: edgeId(`e${nextEdge++}`),
                source: pick(spec.nodes).id,
                target: target.id,
                targetPort: pick(free),
              });
            } catch {
              // refused (cycle or self-loop): the graph must be unchanged, which compare() checks
            }
          }
        } else if (roll < 0.85 && spec.nodes.length > 3) {
          runtime.removeNode(pick(spec.nodes).id);
        } else if (roll < 0.93) {
          const op = pick(functionOps);
          const id = nodeId(`m${step}`);
          runtime.batch(() => {
            runtime.addNode({ id, op: op.id });
            for (const port of op.inputs) {
              runtime.addEdge({
                id: edgeId(`e${nextEdge++}`),
                source: pick(spec.nodes).id,
                target: id,
                targetPort: port,
              });
            }
          });
        } else {
          runtime.setOutput(random() < 0.2 ? null : pick(runtime.spec().nodes).id);
        }
        compare(runtime, seed);
      }
      runtime.dispose();
    }),
    { numRuns, seed: Number(process.env['FUZZ_SEED'] ?? 20261126) },
  );

describe('incremental evaluation agrees with a from-scratch reference', () => {
  it('over random small graphs and random sequences of edits (seeded)', { timeout: 60_000 }, () => {
    checkRandomEdits(3, 28, false, 150);
  });

  it('over wide graphs whose edits reach hundreds of nodes (seeded)', { timeout: 120_000 }, () => {
    checkRandomEdits(600, 900, true, 5);
  });
});

/**
 * Varying graphs: data columns, parameters, function ops and reductions, under random edits
 * that include feeding new batches (sometimes of another size) and choosing a sample. After
 * every edit each state and message must equal a rebuild fed the same data.
 */
const checkRandomBatchEdits = (numRuns: number) =>
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const lanesOps = testOps.filter((op) => op.kind !== 'source');
      const nodes: GraphNode[] = [];
      const edges: GraphEdge[] = [];
      let nextEdge = 0;
      const size = 4 + Math.floor(random() * 24);
      for (let index = 0; index < size; index++) {
        const id = nodeId(`n${index}`);
        if (index < 2 || random() < 0.15) {
          nodes.push({ id, op: 'data' });
          continue;
        }
        if (random() < 0.15) {
          nodes.push({
            id,
            op: 'input',
            params: { value: Math.round((random() * 4 - 2) * 100) / 100 },
          });
          continue;
        }
        const op = pick(lanesOps);
        nodes.push({ id, op: op.id });
        for (const port of op.inputs) {
          if (random() < 0.05) continue;
          edges.push({
            id: edgeId(`e${nextEdge++}`),
            source: pick(nodes.slice(0, index)).id,
            target: id,
            targetPort: port,
          });
        }
      }
      // J: a reduction of the last node, so most runs have gradients to compare.
      nodes.push({ id: nodeId('J'), op: random() < 0.5 ? 'mean' : 'sum' });
      edges.push({
        id: edgeId(`e${nextEdge++}`),
        source: nodes[nodes.length - 2]!.id,
        target: nodeId('J'),
        targetPort: 'x',
      });
      const runtime = createRuntime({
        registry: testRegistry,
        graph: { nodes, edges, output: nodeId('J') },
      });
      let fed: Record<string, number[]> = {};
      const feedAll = (lanes: number) => {
        fed = {};
        for (const node of runtime.spec().nodes) {
          if (node.op !== 'data') continue;
          fed[node.id] = Array.from(
            { length: lanes },
            () => Math.round((random() * 2 + 0.05) * 100) / 100,
          );
        }
        if (Object.keys(fed).length > 0) runtime.feed(fed);
      };
      const prepare = (rebuilt: Runtime) => {
        const live = Object.fromEntries(
          Object.entries(fed).filter(([id]) => rebuilt.hasNode(nodeId(id))),
        );
        if (Object.keys(live).length > 0) rebuilt.feed(live);
        rebuilt.setSample(runtime.sample());
      };
      feedAll(1 + Math.floor(random() * 6));
      compareWithRebuild(runtime, seed, prepare);
      for (let step = 0; step < 14; step++) {
        const roll = random();
        const spec = runtime.spec();
        const params = spec.nodes.filter((node) => node.op === 'input');
        if (roll < 0.25 && params.length > 0) {
          runtime.setValue(pick(params).id, Math.round((random() * 6 - 3) * 100) / 100);
        } else if (roll < 0.4) {
          feedAll(random() < 0.5 ? runtime.lanes() : 1 + Math.floor(random() * 6));
        } else if (roll < 0.5) {
          runtime.setSample(random() < 0.3 ? null : Math.floor(random() * runtime.lanes()));
        } else if (roll < 0.6 && spec.edges.length > 0) {
          runtime.removeEdge(pick(spec.edges).id);
        } else if (roll < 0.72) {
          const target = pick(spec.nodes);
          const op = testOps.find((candidate) => candidate.id === target.op)!;
          const free = op.inputs.filter(
            (port) =>
              !spec.edges.some((edge) => edge.target === target.id && edge.targetPort === port),
          );
          if (free.length > 0) {
            try {
              runtime.addEdge({
                id: edgeId(`e${nextEdge++}`),
                source: pick(spec.nodes).id,
                target: target.id,
                targetPort: pick(free),
              });
            } catch {
              // refused (cycle or self-loop)
            }
          }
        } else if (roll < 0.8 && spec.nodes.length > 3) {
          // n0 stays: a rebuild fed its column has the same number of lanes.
          const removed = pick(spec.nodes.slice(1)).id;
          runtime.removeNode(removed);
          delete fed[removed];
        } else if (roll < 0.9) {
          const op = pick(lanesOps);
          const id = nodeId(`m${step}`);
          runtime.batch(() => {
            runtime.addNode({ id, op: op.id });
            for (const port of op.inputs) {
              runtime.addEdge({
                id: edgeId(`e${nextEdge++}`),
                source: pick(spec.nodes).id,
                target: id,
                targetPort: port,
              });
            }
          });
        } else {
          const reductions = runtime.spec().nodes.filter((node) => /^(mean|sum)$/.test(node.op));
          const choice = random();
          runtime.setOutput(
            choice < 0.1
              ? null
              : choice < 0.5 || reductions.length === 0
                ? pick(runtime.spec().nodes).id
                : pick(reductions).id,
          );
        }
        compareWithRebuild(runtime, seed, prepare);
      }
      runtime.dispose();
    }),
    { numRuns, seed: Number(process.env['FUZZ_SEED'] ?? 20261201) },
  );

describe('batched (varying) graphs: incremental states and messages equal a rebuild', () => {
  it(
    'over random graphs with data, reductions, feeds and sample choices (seeded)',
    { timeout: 120_000 },
    () => {
      checkRandomBatchEdits(150);
    },
  );
});
