import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine/evaluate';
import { edgeId, nodeId } from '../graph/ids';
import type { GraphEdge, GraphNode } from '../graph/types';
import { testRegistry } from '../__tests__/testOps';
import { flattenDocument } from './flatten';
import { parseGraphDocument } from './parse';
import { serializeGraphDocument } from './serialize';
import type { CompositeDefinition, GraphDocument } from './types';

/** A small deterministic generator (mulberry32), so a failure names its seed. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Fn = (inputs: readonly number[], params: Readonly<Record<string, number>>) => number[];

/** Plain ops the generator uses, with the same arithmetic the test registry runs. */
const OPS: Record<string, { ports: string[]; f: (...xs: number[]) => number }> = {
  add: { ports: ['a', 'b'], f: (a, b) => a + b },
  mul: { ports: ['a', 'b'], f: (a, b) => a * b },
  sub: { ports: ['a', 'b'], f: (a, b) => a - b },
  tanh: { ports: ['x'], f: Math.tanh },
};

interface Built {
  readonly definition?: CompositeDefinition;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** The hand-inlined reference: the same computation as plain JavaScript. */
  readonly fn: Fn;
  readonly outputs: string[];
}

/**
 * One random graph over `ports` (+ parameter `p` for definitions): each new node is a plain op
 * or an instance of a definition one level down, reading earlier values (an instance's output
 * chosen by `sourcePort`). The reference evaluates the same choices directly, calling the
 * lower level's reference for instances: three levels deep, instances inside definitions
 * inside definitions.
 */
const randomGraph = (
  random: () => number,
  ports: readonly string[],
  withParameter: boolean,
  below: readonly { name: string; built: Built }[],
  size: number,
): Omit<Built, 'definition'> => {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Each value: which node (and output) carries it, and how the reference computes it.
  const values: { node: string; port?: string; at: (env: number[]) => number }[] = [];
  const steps: ((env: number[], params: Readonly<Record<string, number>>) => void)[] = [];
  const names = withParameter ? [...ports, 'p'] : [...ports];
  names.forEach((name, k) => {
    nodes.push({ id: nodeId(name), op: 'input', params: { value: 0 } });
    values.push({ node: name, at: (env) => env[k]! });
  });
  const pick = () => values[Math.floor(random() * values.length)]!;
  let edgeCount = 0;
  const wire = (from: (typeof values)[number], target: string, port: string): void => {
    const edge: GraphEdge = {
      id: edgeId(`e${++edgeCount}`),
      source: nodeId(from.node),
      target: nodeId(target),
      targetPort: port,
    };
    edges.push(from.port === undefined ? edge : { ...edge, sourcePort: from.port });
  };
  for (let k = 0; k < size; k++) {
    const id = `n${k}`;
    const slot = names.length + k * 2;
    if (below.length > 0 && random() < 0.5) {
      const { name, built } = below[Math.floor(random() * below.length)]!;
      const args = built.definition!.inputs.map(() => pick());
      const own = Math.round((random() * 2 - 1) * 100) / 100;
      nodes.push({ id: nodeId(id), op: name, params: { p: own } });
      args.forEach((arg, port) => wire(arg, id, built.definition!.inputs[port]!));
      steps.push((env) => {
        const outs = built.fn(
          args.map((arg) => arg.at(env)),
          { p: own },
        );
        env[slot] = outs[0]!;
        env[slot + 1] = outs[1]!;
      });
      values.push({ node: id, port: 'y', at: (env) => env[slot]! });
      values.push({ node: id, port: 'z', at: (env) => env[slot + 1]! });
    } else {
      const opNames = Object.keys(OPS);
      const op = opNames[Math.floor(random() * opNames.length)]!;
      const args = OPS[op]!.ports.map(() => pick());
      nodes.push({ id: nodeId(id), op });
      args.forEach((arg, port) => wire(arg, id, OPS[op]!.ports[port]!));
      steps.push((env) => {
        env[slot] = OPS[op]!.f(...args.map((arg) => arg.at(env)));
      });
      values.push({ node: id, at: (env) => env[slot]! });
    }
  }
  const last = values[values.length - 1]!;
  const other = values[Math.floor(random() * (values.length - 1))]!;
  const fn: Fn = (inputs, params) => {
    const env = [...inputs, ...(withParameter ? [params['p'] ?? 0] : [])];
    for (const step of steps) step(env, params);
    return [last.at(env), other.at(env)];
  };
  // An output names a node, and an instance node stands for its first output only: a chosen
  // instance output is read through `+ 0` so that either output can leave the definition.
  const outputs = [last, other].map((value, k) => {
    if (value.port === undefined) return value.node;
    const copy = `out${k}`;
    nodes.push({ id: nodeId(copy), op: 'add' });
    nodes.push({ id: nodeId(`${copy}zero`), op: 'const', params: { value: 0 } });
    wire(value, copy, 'a');
    edges.push({
      id: edgeId(`e${++edgeCount}`),
      source: nodeId(`${copy}zero`),
      target: nodeId(copy),
      targetPort: 'b',
    });
    return copy;
  });
  return { nodes, edges, fn, outputs };
};

/** Three levels of definitions and a top-level graph using the outermost ones. */
const randomDocument = (seed: number) => {
  const random = mulberry32(seed);
  let below: { name: string; built: Built }[] = [];
  const definitions: CompositeDefinition[] = [];
  for (let level = 2; level >= 0; level--) {
    const current: { name: string; built: Built }[] = [];
    for (let k = 0; k < 2; k++) {
      const name = `L${level}_${k}`;
      const graph = randomGraph(random, ['a', 'b'], true, below, 3 + Math.floor(random() * 3));
      const definition: CompositeDefinition = {
        name,
        inputs: ['a', 'b'],
        parameters: [{ name: 'p', default: 0.5 }],
        outputs: [
          { name: 'y', node: nodeId(graph.outputs[0]!) },
          { name: 'z', node: nodeId(graph.outputs[1]!) },
        ],
        graph: { nodes: graph.nodes, edges: graph.edges },
      };
      definitions.push(definition);
      current.push({ name, built: { ...graph, definition } });
    }
    below = current;
  }
  const top = randomGraph(random, ['x', 'w'], false, below, 4);
  const x = Math.round((random() * 2 - 1) * 100) / 100;
  const w = Math.round((random() * 2 - 1) * 100) / 100;
  const nodes = top.nodes.map((node) =>
    node.id === 'x'
      ? { ...node, params: { value: x } }
      : node.id === 'w'
        ? { ...node, params: { value: w } }
        : node,
  );
  const doc: GraphDocument = {
    graph: { nodes, edges: top.edges, output: nodeId(top.outputs[0]!) },
    layout: { positions: {} },
    definitions,
  };
  return { doc, reference: (xv: number, wv: number) => top.fn([xv, wv], {})[0]!, x, w };
};

describe('flattening agrees with a hand-inlined reference (seeded random nesting, 3 levels)', () => {
  const base = Number(process.env['FUZZ_SEED'] ?? 13);
  it('values within 1e-12, gradients of the inputs against central differences', () => {
    let nested = 0;
    for (let run = 0; run < 60; run++) {
      const seed = base * 1000 + run;
      const { doc, reference, x, w } = randomDocument(seed);
      // Through the file format too: what is saved is what is flattened.
      const parsed = parseGraphDocument(serializeGraphDocument(doc), testRegistry);
      if (!parsed.ok) throw new Error(`seed ${seed}: ${JSON.stringify(parsed.errors)}`);
      const flat = flattenDocument(parsed.document, { registry: testRegistry });
      if (!flat.ok) throw new Error(`seed ${seed}: ${JSON.stringify(flat.errors)}`);
      if (flat.graph.nodes.some((node) => node.id.split('/').length >= 4)) nested++;
      const snapshot = evaluate(testRegistry, flat.graph);
      const J = snapshot.nodes.get(flat.graph.output!)!.value;
      expect(J.kind, `seed ${seed}`).toBe('ok');
      const expected = reference(x, w);
      expect(
        Math.abs((J as { value: number }).value - expected),
        `seed ${seed}`,
      ).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      const h = 1e-6;
      for (const [id, slope] of [
        ['x', (reference(x + h, w) - reference(x - h, w)) / (2 * h)],
        ['w', (reference(x, w + h) - reference(x, w - h)) / (2 * h)],
      ] as const) {
        const grad = snapshot.nodes.get(nodeId(id))!.grad;
        expect(grad.kind, `seed ${seed} ${id}`).toBe('ok');
        expect(
          Math.abs((grad as { value: number }).value - slope),
          `seed ${seed} ${id}`,
        ).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
      }
    }
    // The corpus really reaches three levels of instances (top/L0/L1/L2 node ids).
    expect(nested).toBeGreaterThan(10);
  }, 120_000);
});
