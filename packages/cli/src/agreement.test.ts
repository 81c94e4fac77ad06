import {
  autoLayout,
  edgeId,
  nodeId,
  flattenDocument,
  parseGraphDocument,
  serializeGraphDocument,
  type GraphEdge,
  type GraphNode,
  type GraphSpec,
} from '@chainrule/graph-runtime';
import { checkGradients, examples } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

/**
 * `chainrule gradcheck` and the app's "Check gradients" (`checkGradients` in @chainrule/learn,
 * what the Verify panel calls) must give the same verdict on the same file: the examples, and a
 * seeded corpus of random graphs whose values include the awkward ones (kinks, domain edges,
 * numbers near the largest double).
 */

type Verdict = 'agree' | 'disagree' | 'no value';

const appVerdict = (graph: GraphSpec): Verdict => {
  const outcome = checkGradients(standardRegistry, graph);
  if (!outcome.ok) return 'no value';
  return outcome.result.ok ? 'agree' : 'disagree';
};

const cliVerdict = async (text: string): Promise<Verdict> => {
  const { code, stdout, stderr } = await runCli(['gradcheck', 'g.graph', '--json'], {
    files: { 'g.graph': text },
  });
  if (code === 1 && stderr.includes('has no value')) return 'no value';
  expect(stderr, stderr).toBe('');
  expect([0, 1]).toContain(code);
  expect(JSON.parse(stdout).ok).toBe(code === 0);
  return code === 0 ? 'agree' : 'disagree';
};

const mulberry32 = (seed: number) => (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const awkward = [0, 1, -1, 0.5, 2, -3, 1e-9, -1e-9, 1e154, Number.MAX_VALUE, -Number.MAX_VALUE];
const functionOps = standardRegistry.list().filter((op) => op.kind === 'function');

/** A random DAG of standard ops; J is the last node. */
const randomGraph = (random: () => number): GraphSpec => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const value = (): number =>
    random() < 0.3 ? pick(awkward) : Math.round((random() * 8 - 4) * 100) / 100;
  const nodes: GraphNode[] = [];
  const sources = 1 + Math.floor(random() * 3);
  for (let k = 0; k < sources; k++) {
    nodes.push({
      id: nodeId(`x${k}`),
      op: random() < 0.8 ? 'input' : 'const',
      params: { value: value() },
    });
  }
  const edges: GraphEdge[] = [];
  const layers = 1 + Math.floor(random() * 6);
  for (let k = 0; k < layers; k++) {
    const op = pick(functionOps);
    const id = nodeId(`n${k}`);
    for (const port of op.inputs) {
      edges.push({
        id: edgeId(`e${edges.length}`),
        source: pick(nodes).id,
        target: id,
        targetPort: port,
      });
    }
    nodes.push({ id, op: op.id });
  }
  return { nodes, edges, output: nodes[nodes.length - 1]!.id };
};

const textOf = (graph: GraphSpec): string =>
  serializeGraphDocument({ graph, layout: { positions: autoLayout(graph) } });

describe('chainrule gradcheck and the app’s Check gradients agree', () => {
  it.each(examples.map((example) => [example.id, example.text] as const))(
    'on %s',
    async (_id, text) => {
      const parsed = parseGraphDocument(text, standardRegistry);
      if (!parsed.ok) throw new Error('the example must load');
      // The app runs the flat graph, as the CLI does (composites expanded).
      const flat = flattenDocument(parsed.document, { registry: standardRegistry });
      if (!flat.ok) throw new Error('the example must flatten');
      const app = appVerdict(flat.graph);
      expect(await cliVerdict(text)).toBe(app);
    },
  );

  it('on a seeded corpus of 300 random graphs with awkward values', async () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? 20261201);
    const random = mulberry32(seed);
    const seen = new Set<Verdict>();
    for (let k = 0; k < 300; k++) {
      const graph = randomGraph(random);
      const text = textOf(graph);
      const app = appVerdict(graph);
      seen.add(app);
      expect(await cliVerdict(text), `seed ${seed}, graph ${k}:\n${text}`).toBe(app);
    }
    // The corpus reaches every verdict, so the comparison is not vacuous.
    expect([...seen].sort()).toEqual(['agree', 'disagree', 'no value']);
  }, 120_000);
});
