import { describe, expect, it } from 'vitest';
import {
  createOpRegistry,
  createRuntime,
  nodeId,
  type GraphEdge,
  type GraphNode,
  type NodeValue,
  type OpDefinition,
  type Runtime,
  type TransactionReport,
} from '@chainrule/graph-runtime';
import { e, n, testOps } from './testOps';

/**
 * Wraps every function op so each node gets its own op whose forward counts its calls: the
 * counts then say exactly how often each node was recomputed.
 */
const countingRegistry = (nodes: readonly GraphNode[]) => {
  const calls = new Map<string, number>();
  const ops: OpDefinition[] = [...testOps];
  const renamed: GraphNode[] = nodes.map((node) => {
    const base = testOps.find((op) => op.id === node.op)!;
    if (base.kind === 'source') return node;
    // Without its kernel, so that the engine calls the counting forward on every evaluation.
    const { kernel: _kernel, ...plain } = base;
    const op: OpDefinition = {
      ...plain,
      id: `${base.id}@${node.id}`,
      forward: (...inputs) => {
        calls.set(node.id, (calls.get(node.id) ?? 0) + 1);
        return base.forward(...inputs);
      },
    };
    ops.push(op);
    return { ...node, op: op.id };
  });
  return { registry: createOpRegistry(ops), nodes: renamed, calls };
};

/** Nodes reachable from `start`, by a plain breadth-first search over the edge list. */
const downstreamCone = (edges: readonly GraphEdge[], start: string): Set<string> => {
  const reached = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const edge of edges) {
      if (edge.source === current && !reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return reached;
};

const okValue = (state: NodeValue): number => (state.kind === 'ok' ? state.value : Number.NaN);

/** After every emission, every node must equal its op applied to its inputs' current values. */
const assertConsistent = (
  runtime: Runtime,
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
) => {
  for (const node of nodes) {
    if (node.op === 'input' || node.op === 'const') continue;
    const inputs = edges
      .filter((edge) => edge.target === node.id)
      .sort((x, y) => x.targetPort.localeCompare(y.targetPort));
    const args = inputs.map((edge) => okValue(runtime.node(edge.source).value()));
    const base = node.op.split('@')[0]!;
    const expected = testOps.find((op) => op.id === base)!.forward(...args);
    expect(okValue(runtime.node(node.id).value())).toBe(expected);
  }
};

describe('glitch freedom on a diamond', () => {
  /*
   *        ┌── B = A + k ──┐
   *   A ───┤               ├── D = B · C
   *        └── C = A · k ──┘
   *
   * Naive combineLatest wiring recomputes D twice per edit of A, once with a stale B or C.
   */
  const graph = () => ({
    nodes: [n('A', 'input', 1), n('k', 'const', 2), n('B', 'add'), n('C', 'mul'), n('D', 'mul')],
    edges: [
      e('e1', 'A', 'B', 'a'),
      e('e2', 'k', 'B', 'b'),
      e('e3', 'A', 'C', 'a'),
      e('e4', 'k', 'C', 'b'),
      e('e5', 'B', 'D', 'a'),
      e('e6', 'C', 'D', 'b'),
    ],
    output: nodeId('D'),
  });

  it('recomputes each node exactly once per edit and emits D once, never with a stale input', () => {
    const { registry, nodes, calls } = countingRegistry(graph().nodes);
    const spec = { ...graph(), nodes };
    const runtime = createRuntime({ registry, graph: spec });
    calls.clear();
    const seenD: number[] = [];
    runtime.node(nodeId('D')).value$.subscribe((state) => {
      seenD.push(okValue(state));
      assertConsistent(runtime, nodes, spec.edges);
    });
    runtime.setValue(nodeId('A'), 3);
    expect(Object.fromEntries(calls)).toEqual({ B: 1, C: 1, D: 1 });
    // Subscribing emits the current 3·2 = 6 once; the edit emits (3+2)·(3·2) = 30 once.
    expect(seenD).toEqual([6, 30]);
  });

  it('pushes gradients the same way: every grad subscriber sees the finished backward pass', () => {
    const runtime = createRuntime({ registry: createOpRegistry(testOps), graph: graph() });
    const seen: number[] = [];
    runtime.node(nodeId('A')).grad$.subscribe((gradient) => {
      if (gradient.kind !== 'ok') return;
      seen.push(gradient.value);
      // D = (A + k)(A k)  ⇒  dD/dA = 1·(A k) + (A + k)·k, all read at the same version.
      const A = okValue(runtime.node(nodeId('A')).value());
      expect(gradient.value).toBe(A * 2 + (A + 2) * 2);
    });
    runtime.setValue(nodeId('A'), 3);
    runtime.setValue(nodeId('A'), -1.5);
    expect(seen).toEqual([8, 16, -2]);
  });
});

describe('glitch freedom on a lattice', () => {
  /*
   * A W×H lattice: row 0 is W inputs; every node below adds its two parents
   * (left-up and up, wrapping), so the number of paths from x[0][0] grows like 2^depth.
   *
   *   x00  x01  x02  x03
   *    │ ╲  │ ╲  │ ╲  │
   *   s10  s11  s12  s13
   *    │ ╲  │ ╲  │ ╲  │
   *   ...
   *   J = sum of the last row (a chain of adds)
   */
  const lattice = (width: number, depth: number) => {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const name = (row: number, col: number) => `s${row}_${col}`;
    for (let col = 0; col < width; col++) nodes.push(n(name(0, col), 'input', col + 1));
    for (let row = 1; row < depth; row++) {
      for (let col = 0; col < width; col++) {
        nodes.push(n(name(row, col), 'add'));
        edges.push(e(`${name(row, col)}.a`, name(row - 1, col), name(row, col), 'a'));
        edges.push(e(`${name(row, col)}.b`, name(row - 1, (col + 1) % width), name(row, col), 'b'));
      }
    }
    let total = name(depth - 1, 0);
    for (let col = 1; col < width; col++) {
      const sum = `sum${col}`;
      nodes.push(n(sum, 'add'));
      edges.push(e(`${sum}.a`, total, sum, 'a'), e(`${sum}.b`, name(depth - 1, col), sum, 'b'));
      total = sum;
    }
    return { nodes, edges, output: nodeId(total) };
  };

  it('recomputes each node in the cone exactly once, however many paths reach it', () => {
    const base = lattice(8, 20);
    const { registry, nodes, calls } = countingRegistry(base.nodes);
    const spec = { ...base, nodes };
    const runtime = createRuntime({ registry, graph: spec });
    const reports: TransactionReport[] = [];
    runtime.transaction$.subscribe((report) => reports.push(report));
    let outputEmissions = 0;
    runtime.node(spec.output).value$.subscribe(() => {
      outputEmissions++;
      assertConsistent(runtime, nodes, spec.edges);
    });
    calls.clear();
    runtime.setValue(nodeId('s0_3'), 100);
    const cone = downstreamCone(spec.edges, 's0_3');
    expect(new Set(calls.keys())).toEqual(cone);
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.evaluated).toBe(cone.size + 1); // + the input itself
    expect(outputEmissions).toBe(2); // initial + one edit
  });

  it('leaves nodes outside the cone untouched', () => {
    // Only 3 rows deep: s0_3 reaches s1_2, s1_3 and s2_1..s2_3, not s1_0 etc.
    const base = lattice(8, 3);
    const { registry, nodes, calls } = countingRegistry(base.nodes);
    const runtime = createRuntime({ registry, graph: { ...base, nodes } });
    calls.clear();
    runtime.setValue(nodeId('s0_3'), 100);
    const touchedLattice = [...calls.keys()].filter((key) => /^s\d/.test(key)).sort();
    expect(touchedLattice).toEqual(['s1_2', 's1_3', 's2_1', 's2_2', 's2_3']);
  });

  it('propagates a batch of edits once', () => {
    const base = lattice(6, 10);
    const { registry, nodes, calls } = countingRegistry(base.nodes);
    const runtime = createRuntime({ registry, graph: { ...base, nodes } });
    const reports: TransactionReport[] = [];
    runtime.transaction$.subscribe((report) => reports.push(report));
    let emissions = 0;
    runtime.node(base.output).value$.subscribe(() => emissions++);
    calls.clear();
    runtime.batch(() => {
      for (let col = 0; col < 6; col++) runtime.setValue(nodeId(`s0_${col}`), 10 * col);
    });
    expect(reports).toHaveLength(1);
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    expect(emissions).toBe(2);
  });
});

describe('edits from inside a subscriber', () => {
  it('run as the next transaction, after the current emissions finish', () => {
    const runtime = createRuntime({
      registry: createOpRegistry(testOps),
      graph: {
        nodes: [n('a', 'input', 1), n('b', 'input', 1), n('s', 'add')],
        edges: [e('e1', 'a', 's', 'a'), e('e2', 'b', 's', 'b')],
      },
    });
    const log: string[] = [];
    runtime.node(nodeId('s')).value$.subscribe((state) => {
      log.push(`s=${okValue(state)}`);
      // Keep b equal to a: an edit during emission.
      const a = okValue(runtime.node(nodeId('a')).value());
      const b = okValue(runtime.node(nodeId('b')).value());
      if (a !== b) runtime.setValue(nodeId('b'), a);
    });
    runtime.transaction$.subscribe((report) => log.push(`tx${report.version}`));
    runtime.setValue(nodeId('a'), 5);
    expect(log).toEqual(['s=2', 's=6', 'tx2', 's=10', 'tx3']);
  });
});

describe('unchanged values', () => {
  it('emit nothing, and stop the propagation there', () => {
    const runtime = createRuntime({
      registry: createOpRegistry(testOps),
      graph: {
        //  x ── m = x·zero ── t = tanh(m)
        nodes: [n('x', 'input', 1), n('zero', 'const', 0), n('m', 'mul'), n('t', 'tanh')],
        edges: [e('e1', 'x', 'm', 'a'), e('e2', 'zero', 'm', 'b'), e('e3', 'm', 't', 'x')],
      },
    });
    let emissions = 0;
    runtime.node(nodeId('m')).value$.subscribe(() => emissions++);
    const reports: TransactionReport[] = [];
    runtime.transaction$.subscribe((report) => reports.push(report));
    runtime.setValue(nodeId('x'), 7);
    expect(emissions).toBe(1); // only the initial value
    expect(reports[0]!.evaluated).toBe(2); // x and m; t is not touched
  });
});
