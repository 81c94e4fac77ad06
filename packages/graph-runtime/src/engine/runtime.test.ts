import { describe, expect, it } from 'vitest';
import { map } from 'rxjs';
import {
  createRuntime,
  edgeId,
  GraphValidationError,
  nodeId,
  type NodeGradient,
  type NodeValue,
  type TransactionReport,
} from '@chainrule/graph-runtime';
import { e, n, seedGraph, testRegistry } from '../__tests__/testOps';

const id = nodeId;
const valueOf = (state: NodeValue): number => {
  if (state.kind !== 'ok') throw new Error(`expected a value, got ${state.kind}: ${state.message}`);
  return state.value;
};
const gradOf = (state: NodeGradient): number => {
  if (state.kind !== 'ok') throw new Error(`expected a gradient, got ${state.kind}`);
  return state.value;
};

describe('the seed example J = 3(a + bc)', () => {
  it('computes every value and gradient of the walk-through', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const value = (name: string) => valueOf(runtime.node(id(name)).value());
    const grad = (name: string) => gradOf(runtime.node(id(name)).grad());
    expect([value('u'), value('v'), value('J')]).toEqual([6, 11, 33]);
    expect(grad('J')).toBe(1);
    expect(grad('v')).toBe(3);
    expect(grad('u')).toBe(3);
    expect([grad('a'), grad('b'), grad('c')]).toEqual([3, 6, 9]);
  });

  it('gives each edge its chain-rule factor dJ/dtarget · ∂target/∂source', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const edge = (name: string) => runtime.edge(edgeId(name)).gradient();
    // a → v: dJ/dv · ∂v/∂a = 3 · 1 = 3
    expect(edge('e3')).toEqual({ kind: 'ok', local: 1, upstream: 3, contribution: 3 });
    // b → u (port a of u = b·c): dJ/du · ∂u/∂b = 3 · c = 3 · 2 = 6
    expect(edge('e1')).toEqual({ kind: 'ok', local: 2, upstream: 3, contribution: 6 });
    // c → u: 3 · b = 3 · 3 = 9
    expect(edge('e2')).toEqual({ kind: 'ok', local: 3, upstream: 3, contribution: 9 });
    // v → J: dJ/dJ · ∂J/∂v = 1 · 3 = 3
    expect(edge('e6')).toEqual({ kind: 'ok', local: 3, upstream: 1, contribution: 3 });
  });

  it('updates J and every gradient after an edit', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    runtime.setValue(id('a'), 1);
    expect(valueOf(runtime.node(id('J')).value())).toBe(21);
    runtime.setValue(id('b'), 4);
    expect(valueOf(runtime.node(id('J')).value())).toBe(27);
    expect(gradOf(runtime.node(id('b')).grad())).toBe(6);
    expect(gradOf(runtime.node(id('c')).grad())).toBe(12);
  });

  it('accepts values pushed from an RxJS stream into an input', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: number[] = [];
    runtime.node(id('J')).value$.subscribe((state) => seen.push(valueOf(state)));
    [1, 2, 3].forEach((value) => runtime.input(id('a')).next(value));
    expect(seen).toEqual([33, 21, 24, 27]);
  });
});

describe('outputs and gradients', () => {
  it('has no gradients until an output is chosen: a clear state, not zeros', () => {
    const runtime = createRuntime({
      registry: testRegistry,
      graph: { ...seedGraph(), output: null },
    });
    expect(runtime.node(id('a')).grad()).toEqual({ kind: 'none' });
    expect(runtime.edge(edgeId('e3')).gradient()).toEqual({ kind: 'none', local: 1 });
    runtime.setOutput(id('v'));
    expect(gradOf(runtime.node(id('a')).grad())).toBe(1);
    expect(gradOf(runtime.node(id('b')).grad())).toBe(2);
    // J and the constant do not influence v: gradient 0.
    expect(gradOf(runtime.node(id('J')).grad())).toBe(0);
    expect(gradOf(runtime.node(id('three')).grad())).toBe(0);
    runtime.setOutput(null);
    expect(runtime.node(id('b')).grad()).toEqual({ kind: 'none' });
  });

  it('sums adjoints over fan-out, including a value used twice by one node', () => {
    // x ─┬─ sq = x·x ─┐
    //    └────────────┴─ J = sq + x     dJ/dx = 2x + 1
    const runtime = createRuntime({
      registry: testRegistry,
      graph: {
        nodes: [n('x', 'input', 3), n('sq', 'mul'), n('J', 'add')],
        edges: [
          e('e1', 'x', 'sq', 'a'),
          e('e2', 'x', 'sq', 'b'),
          e('e3', 'sq', 'J', 'a'),
          e('e4', 'x', 'J', 'b'),
        ],
        output: id('J'),
      },
    });
    expect(gradOf(runtime.node(id('x')).grad())).toBe(7);
    runtime.setValue(id('x'), -2);
    expect(gradOf(runtime.node(id('x')).grad())).toBe(-3);
  });
});

describe('node states', () => {
  const logGraph = () => ({
    //   x ── L = log(x) ── T = tanh(L) ── J = T + k
    nodes: [n('x', 'input', 2), n('L', 'log'), n('T', 'tanh'), n('k', 'const', 1), n('J', 'add')],
    edges: [
      e('e1', 'x', 'L', 'x'),
      e('e2', 'L', 'T', 'x'),
      e('e3', 'T', 'J', 'a'),
      e('e4', 'k', 'J', 'b'),
    ],
    output: id('J'),
  });

  it('turns a domain error into an error on the node and blocked states downstream', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: logGraph() });
    runtime.setValue(id('x'), -1);
    expect(runtime.node(id('L')).value()).toEqual({
      kind: 'error',
      message: 'log needs x > 0, got -1',
    });
    const blocked = runtime.node(id('T')).value();
    expect(blocked).toMatchObject({ kind: 'blocked', cause: 'L' });
    expect(blocked.kind !== 'ok' && blocked.message).toContain('log needs x > 0, got -1');
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked', cause: 'L' });
    expect(runtime.node(id('x')).grad()).toMatchObject({ kind: 'unavailable' });
    // Fixing the input recovers everything.
    runtime.setValue(id('x'), Math.E);
    expect(valueOf(runtime.node(id('J')).value())).toBeCloseTo(1 + Math.tanh(1), 15);
    expect(gradOf(runtime.node(id('x')).grad())).toBeCloseTo((1 - Math.tanh(1) ** 2) / Math.E, 15);
  });

  it('reports a non-finite result as an overflow error, never as a number', () => {
    const runtime = createRuntime({
      registry: testRegistry,
      graph: { nodes: [n('x', 'input', 1000), n('E', 'exp')], edges: [e('e1', 'x', 'E', 'x')] },
    });
    const state = runtime.node(id('E')).value();
    expect(state.kind).toBe('error');
    expect(state.kind === 'error' && state.message).toMatch(/exp\(1000\) overflows/);
  });

  it('blocks a node whose input port is not connected, naming the port', () => {
    const runtime = createRuntime({
      registry: testRegistry,
      graph: {
        nodes: [n('x', 'input', 1), n('s', 'add'), n('t', 'tanh')],
        edges: [e('e1', 'x', 's', 'a'), e('e2', 's', 't', 'x')],
      },
    });
    expect(runtime.node(id('s')).value()).toEqual({
      kind: 'blocked',
      port: 'b',
      message: 'input "b" is not connected',
    });
    expect(runtime.node(id('t')).value()).toMatchObject({
      kind: 'blocked',
      message: expect.stringContaining('"b"'),
    });
  });

  it('makes a gradient unavailable where a local derivative is infinite, with the reason', () => {
    const runtime = createRuntime({
      registry: testRegistry,
      graph: {
        nodes: [n('x', 'input', 0), n('r', 'sqrt')],
        edges: [e('e1', 'x', 'r', 'x')],
        output: id('r'),
      },
    });
    expect(runtime.node(id('r')).value()).toEqual({ kind: 'ok', value: 0 });
    expect(runtime.node(id('x')).grad()).toEqual({
      kind: 'unavailable',
      message: 'no gradient: sqrt has an infinite slope at x = 0',
    });
    runtime.setValue(id('x'), 4);
    expect(runtime.node(id('x')).grad()).toEqual({ kind: 'ok', value: 0.25 });
  });
});

describe('structural edits', () => {
  it('adds and removes nodes and edges incrementally, keeping subscribers', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: number[] = [];
    runtime
      .node(id('J'))
      .value$.subscribe((state) => seen.push(state.kind === 'ok' ? state.value : NaN));
    const reports: TransactionReport[] = [];
    runtime.transaction$.subscribe((report) => reports.push(report));
    // Replace J = 3·v by J = 3·tanh(v)... via a new node between v and J.
    runtime.batch(() => {
      runtime.removeEdge(edgeId('e6'));
      runtime.addNode(n('t', 'tanh'));
      runtime.addEdge(e('e7', 'v', 't', 'x'));
      runtime.addEdge(e('e8', 't', 'J', 'b'));
    });
    expect(reports).toHaveLength(1);
    expect(seen).toEqual([33, 3 * Math.tanh(11)]);
    // Only J and the new node were recomputed: a, b, c, u, v are untouched.
    expect(reports[0]!.evaluated).toBe(2);
    runtime.removeNode(id('t'));
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked', port: 'b' });
    expect(runtime.hasEdge(edgeId('e7'))).toBe(false);
  });

  it('refuses a cycle, naming its path, and leaves the graph as it was', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    runtime.addNode(n('w', 'tanh'));
    runtime.addEdge(e('e7', 'J', 'w', 'x'));
    runtime.removeEdge(edgeId('e5'));
    let error: unknown;
    try {
      runtime.addEdge(e('e8', 'w', 'J', 'a'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphValidationError);
    expect((error as GraphValidationError).issues[0]).toMatchObject({
      code: 'cycle',
      cycle: ['w', 'J', 'w'],
    });
    expect((error as GraphValidationError).message).toContain('"w" → "J" → "w"');
    expect(runtime.hasEdge(edgeId('e8'))).toBe(false);
    expect(runtime.node(id('J')).value()).toMatchObject({ kind: 'blocked' });
  });

  it('refuses a self-loop, an unknown port and a port that is already connected', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    expect(() => runtime.addEdge(e('x1', 'u', 'u', 'a'))).toThrow(/cannot feed itself/);
    expect(() => runtime.addEdge(e('x2', 'a', 'u', 'z'))).toThrow(/no input port "z"/);
    expect(() => runtime.addEdge(e('x3', 'a', 'u', 'a'))).toThrow(/already connected/);
    expect(() => runtime.addNode(n('q', 'nope'))).toThrow(/unknown op "nope"/);
  });

  it('reorders ranks when a new edge goes against the current order', () => {
    // y is created after J, then becomes J's input: the topological order must follow.
    const runtime = createRuntime({
      registry: testRegistry,
      graph: { nodes: [n('x', 'input', 2), n('J', 'tanh')], edges: [], output: id('J') },
    });
    runtime.addNode(n('y', 'exp'));
    runtime.batch(() => {
      runtime.addEdge(e('e1', 'y', 'J', 'x'));
      runtime.addEdge(e('e2', 'x', 'y', 'x'));
    });
    expect(valueOf(runtime.node(id('J')).value())).toBeCloseTo(Math.tanh(Math.exp(2)), 15);
    const t = Math.tanh(Math.exp(2));
    expect(gradOf(runtime.node(id('x')).grad())).toBeCloseTo((1 - t * t) * Math.exp(2), 12);
  });

  it('keeps evaluating in order after many removals compact the ranks', () => {
    // x feeds a 50-long tanh chain and 200 side branches; removing the branches leaves holes in
    // the rank order until they are compacted, and edits must still flow in order.
    const nodes = [n('x', 'input', 0.5)];
    const edges = [];
    for (let index = 1; index <= 50; index++) {
      nodes.push(n(`t${index}`, 'tanh'));
      edges.push(e(`c${index}`, index === 1 ? 'x' : `t${index - 1}`, `t${index}`, 'x'));
    }
    for (let index = 0; index < 200; index++) {
      nodes.push(n(`s${index}`, 'exp'));
      edges.push(e(`b${index}`, 'x', `s${index}`, 'x'));
    }
    const runtime = createRuntime({
      registry: testRegistry,
      graph: { nodes, edges, output: id('t50') },
    });
    for (let index = 0; index < 200; index++) runtime.removeNode(id(`s${index}`));
    runtime.addNode(n('late', 'tanh'));
    runtime.addEdge(e('late-in', 't50', 'late', 'x'));
    runtime.setValue(id('x'), -0.75);
    let expected = -0.75;
    let slope = 1;
    for (let index = 0; index < 50; index++) {
      expected = Math.tanh(expected);
      slope *= 1 - expected * expected;
    }
    expect(runtime.node(id('t50')).value()).toEqual({ kind: 'ok', value: expected });
    expect(runtime.node(id('late')).value()).toEqual({ kind: 'ok', value: Math.tanh(expected) });
    expect(gradOf(runtime.node(id('x')).grad())).toBeCloseTo(slope, 14);
  });

  it('reflects every edit in spec()', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    runtime.setValue(id('a'), 7);
    runtime.removeNode(id('three'));
    const spec = runtime.spec();
    expect(spec.nodes.find((node) => node.id === 'a')?.params).toEqual({ value: 7 });
    expect(spec.nodes.some((node) => node.id === 'three')).toBe(false);
    expect(spec.edges.some((edge) => edge.id === 'e5')).toBe(false);
    expect(spec.output).toBe('J');
  });
});

describe('values and edits', () => {
  it('refuses a value that is not a finite number and a value on a computed node', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    expect(() => runtime.setValue(id('a'), Number.NaN)).toThrow(/finite number/);
    expect(() => runtime.setValue(id('a'), Infinity)).toThrow(/finite number/);
    expect(() => runtime.setValue(id('u'), 1)).toThrow(/only input and const/);
  });

  it('does not propagate when a value is set to what it already is', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const reports: TransactionReport[] = [];
    runtime.transaction$.subscribe((report) => reports.push(report));
    runtime.setValue(id('a'), 5);
    expect(reports).toHaveLength(0);
  });

  it('throws on any use after dispose', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    runtime.dispose();
    expect(runtime.disposed).toBe(true);
    expect(() => runtime.setValue(id('a'), 1)).toThrow(/disposed/);
    expect(() => runtime.node(id('a'))).toThrow(/disposed/);
  });

  it('refuses an invalid graph at creation with every issue', () => {
    expect(() =>
      createRuntime({
        registry: testRegistry,
        graph: { nodes: [n('a', 'input', 1), n('a', 'input', 2), n('b', 'wat')], edges: [] },
      }),
    ).toThrow(GraphValidationError);
  });
});

describe('what subscribe returns behaves as an RxJS Subscription', () => {
  it('runs teardowns given to add when it ends, at once after it ended, and forgets removed ones', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const ran: string[] = [];
    const sub = runtime.node(nodeId('J')).value$.subscribe(() => undefined);
    const removed = (): void => void ran.push('removed');
    sub.add(() => ran.push('first'));
    sub.add(removed);
    sub.remove(removed);
    expect(sub.closed).toBe(false);
    sub.unsubscribe();
    expect(sub.closed).toBe(true);
    sub.add(() => ran.push('late'));
    expect(ran).toEqual(['first', 'late']);
    expect(runtime.stats().subscriptions).toBe(0);
    runtime.dispose();
  });

  it('is torn down with an operator chain, and completes it when its node goes', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: number[] = [];
    let completed = false;
    const chain = runtime
      .node(nodeId('u'))
      .value$.pipe(map((state) => (state.kind === 'ok' ? state.value : Number.NaN)))
      .subscribe({ next: (value) => seen.push(value), complete: () => (completed = true) });
    runtime.setValue(nodeId('b'), 4);
    expect(seen).toEqual([6, 8]);
    chain.unsubscribe();
    expect(runtime.stats().subscriptions).toBe(0);
    const again = runtime
      .node(nodeId('u'))
      .value$.pipe(map(() => 1))
      .subscribe({
        complete: () => (completed = true),
      });
    runtime.removeNode(nodeId('u'));
    expect(completed).toBe(true);
    expect(again.closed).toBe(true);
    expect(runtime.stats().subscriptions).toBe(0);
    runtime.dispose();
  });
});
