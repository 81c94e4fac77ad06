import { describe, expect, it } from 'vitest';
import { nodeId } from '../graph/ids';
import type { GraphSpec } from '../graph/types';
import { e, n, seedGraph, testRegistry } from '../__tests__/testOps';
import { evaluate } from '../engine/evaluate';
import { cutGraphAt, gradcheck } from './gradcheck';

const chain = (op: string, value: number): GraphSpec => ({
  nodes: [n('x', 'input', value), n('J', op)],
  edges: [e('e1', 'x', 'J', 'x')],
  output: nodeId('J'),
});

describe('gradcheck', () => {
  it('checks the sources of the seed by default: dJ/da = 3, dJ/db = 6, dJ/dc = 9, dJ/d3 = 11', () => {
    const result = gradcheck(testRegistry, seedGraph());
    expect(result.ok).toBe(true);
    expect(result.nodes.map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'three']);
    const numeric = result.nodes.map((entry) => (entry.kind === 'checked' ? entry.numeric : NaN));
    [3, 6, 9, 11].forEach((expected, k) => expect(numeric[k]).toBeCloseTo(expected, 6));
  });

  it("checks every node with nodes: 'all', and a chosen few by id", () => {
    const all = gradcheck(testRegistry, seedGraph(), { nodes: 'all' });
    expect(all.nodes.map((entry) => [entry.id, entry.kind])).toEqual(
      ['a', 'b', 'c', 'u', 'v', 'three', 'J'].map((id) => [id, 'checked']),
    );
    const u = all.nodes.find((entry) => entry.id === 'u');
    expect(u?.kind === 'checked' && u.numeric).toBeCloseTo(3, 6);
    const chosen = gradcheck(testRegistry, seedGraph(), { nodes: [nodeId('v'), nodeId('c')] });
    expect(chosen.nodes.map((entry) => entry.id)).toEqual(['c', 'v']);
  });

  it('skips, with its reason, a node whose step crosses a domain edge, and does not fail', () => {
    // J = sqrt(x) at x = 0: sqrt(-h) has no value, and the slope is infinite anyway.
    const result = gradcheck(testRegistry, chain('sqrt', 1e-9), { eps: 1e-5 });
    expect(result.ok).toBe(true);
    expect(result.nodes).toEqual([
      {
        id: 'x',
        kind: 'skipped',
        reason:
          'J has no value a step away from here (the step crosses a domain edge), so it cannot be differenced',
      },
    ]);
  });

  it('skips, with its reason, a node whose step overflows the largest double (it used to throw)', () => {
    const result = gradcheck(testRegistry, chain('neg', Number.MAX_VALUE), { nodes: 'all' });
    expect(result.ok).toBe(true);
    expect(result.nodes.map((entry) => entry.kind)).toEqual(['skipped', 'skipped']);
    for (const entry of result.nodes) {
      expect(entry.kind === 'skipped' && entry.reason).toMatch(
        /^a step of ±1\.80e\+303 from -?1\.80e\+308 overflows the largest number/,
      );
    }
    // Just below the edge of overflow the check still runs.
    const below = gradcheck(testRegistry, chain('neg', Number.MAX_VALUE / 2));
    expect(below.nodes[0]).toMatchObject({ kind: 'checked', ok: true, analytic: -1 });
  });

  it('fails a wrong derivative and throws only for a graph without a J value', () => {
    const broken = testRegistry.get('exp')!;
    const registry = {
      ...testRegistry,
      get: (id: string) =>
        id === 'exp' && broken.kind === 'function'
          ? { ...broken, derivatives: [{ formula: 'wrong', fn: () => 2 }] }
          : testRegistry.get(id),
    } as typeof testRegistry;
    const result = gradcheck(registry, chain('exp', 0));
    expect(result.ok).toBe(false);
    expect(result.nodes[0]).toMatchObject({ kind: 'checked', ok: false, analytic: 2 });
    expect(() => gradcheck(testRegistry, { ...seedGraph(), output: null })).toThrow(/output/);
    expect(() => gradcheck(testRegistry, chain('log', -1))).toThrow(/has no value/);
  });
});

describe('cutGraphAt', () => {
  it('makes the node an input with that value and drops the edges into it', () => {
    const cut = cutGraphAt(seedGraph(), nodeId('u'), 6);
    expect(cut.nodes.find((node) => node.id === 'u')).toEqual({
      id: 'u',
      op: 'input',
      params: { value: 6 },
    });
    expect(cut.edges.map((edge) => edge.id)).toEqual(['e3', 'e4', 'e5', 'e6']);
  });
});

describe('gradcheck over a fed batch', () => {
  // J = mean(w · x) over the samples x: dJ/dw = mean(x).
  const batchGraph: GraphSpec = {
    nodes: [n('x', 'data'), n('w', 'input', 0.5), n('wx', 'mul'), n('J', 'mean')],
    edges: [e('e1', 'w', 'wx', 'a'), e('e2', 'x', 'wx', 'b'), e('e3', 'wx', 'J', 'x')],
    output: nodeId('J'),
  };
  const feed = { [nodeId('x')]: [1, 2, 6] };

  it('checks the uniform nodes against J over the batch and skips the per-sample ones', () => {
    const result = gradcheck(testRegistry, batchGraph, { nodes: 'all', feed });
    expect(result.ok).toBe(true);
    const byId = new Map(result.nodes.map((entry) => [entry.id as string, entry]));
    expect(byId.get('w')).toMatchObject({ kind: 'checked', analytic: 3, ok: true });
    expect(byId.get('J')).toMatchObject({ kind: 'checked', analytic: 1 });
    for (const id of ['x', 'wx']) {
      expect(byId.get(id)).toEqual({
        id,
        kind: 'skipped',
        reason: 'it holds one value per sample',
      });
    }
  });

  it('evaluate feeds the batch first: the mean and the summary of per-sample nodes', () => {
    const snapshot = evaluate(testRegistry, batchGraph, { feed });
    expect(snapshot.nodes.get(nodeId('J'))!.value).toMatchObject({ kind: 'ok', value: 1.5 });
    expect(snapshot.nodes.get(nodeId('w'))!.grad).toEqual({ kind: 'ok', value: 3 });
  });
});
