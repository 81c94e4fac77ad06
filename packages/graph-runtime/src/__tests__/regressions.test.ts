// Bugs found when the engine was used from outside (issue #10), each pinned by a test.
import { config, of, throwError } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRuntime,
  edgeId,
  nodeId,
  type EdgeGradient,
  type GraphSpec,
  type NodeValue,
  type Runtime,
} from '@chainrule/graph-runtime';
import { e, n, seedGraph, testRegistry } from './testOps';

const id = nodeId;

/** Every state and message of `runtime` equals a fresh runtime's on its spec(). */
const expectSameAsRebuild = (runtime: Runtime): void => {
  const rebuilt = createRuntime({ registry: testRegistry, graph: runtime.spec() }).snapshot();
  const got = runtime.snapshot();
  expect(Object.fromEntries(got.nodes)).toEqual(Object.fromEntries(rebuilt.nodes));
  expect(Object.fromEntries(got.edges)).toEqual(Object.fromEntries(rebuilt.edges));
};

describe('a subscription made during an emission', () => {
  it('receives each state once, not again from the running emission', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: NodeValue[] = [];
    let armed = false;
    runtime.node(id('a')).value$.subscribe(() => {
      if (!armed) return;
      armed = false;
      // `a` emits before J in this transaction: J's new value is already computed.
      runtime.node(id('J')).value$.subscribe((state) => seen.push(state));
    });
    armed = true;
    runtime.setValue(id('a'), 1);
    expect(seen).toEqual([{ kind: 'ok', value: 21 }]);
  });
});

describe('messages after edits', () => {
  it('equal a rebuild when the output stays in error with a new message', () => {
    const graph: GraphSpec = {
      nodes: [n('x', 'input', -1), n('L', 'log'), n('y', 'input', 2), n('J', 'add')],
      edges: [e('e1', 'x', 'L', 'x'), e('e2', 'L', 'J', 'a'), e('e3', 'y', 'J', 'b')],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    expect(runtime.node(id('y')).grad()).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('got -1') as string,
    });
    runtime.setValue(id('x'), -5);
    expect(runtime.node(id('y')).grad()).toMatchObject({
      message: expect.stringContaining('got -5') as string,
    });
    expectSameAsRebuild(runtime);
  });
});

describe('edge streams', () => {
  it('never emit a state equal to the one they just emitted', () => {
    // No output: the edge x → s is { kind: 'none', local: null } both at x = 0 (infinite
    // slope) and at x = -1 (sqrt has no value): nothing to emit.
    const graph: GraphSpec = {
      nodes: [n('x', 'input', 0), n('s', 'sqrt')],
      edges: [e('e1', 'x', 's', 'x')],
      output: null,
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    const seen: EdgeGradient[] = [];
    runtime.edge(edgeId('e1')).gradient$.subscribe((state) => seen.push(state));
    runtime.setValue(id('x'), -1);
    runtime.setValue(id('x'), 0);
    expect(seen).toEqual([{ kind: 'none', local: null }]);
  });

  it('do not report local 0 and ok where the local derivative is infinite', () => {
    // sqrt at 0 feeds a branch that does not reach J.
    const graph: GraphSpec = {
      nodes: [n('x', 'input', 0), n('s', 'sqrt'), n('t', 'neg'), n('y', 'input', 1), n('J', 'add')],
      edges: [
        e('e1', 'x', 's', 'x'),
        e('e2', 's', 't', 'x'),
        e('e3', 'x', 'J', 'a'),
        e('e4', 'y', 'J', 'b'),
      ],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    const state = runtime.edge(edgeId('e1')).gradient();
    expect(state).toMatchObject({ kind: 'unavailable', local: null });
    expect(state.kind === 'unavailable' && state.message).toMatch(/infinite slope/);
    // x itself still has its gradient through J: the dead branch adds nothing.
    expect(runtime.node(id('x')).grad()).toEqual({ kind: 'ok', value: 1 });
  });

  it('report an overflowing contribution as unavailable, with a message', () => {
    // dJ/dt = m = 1e200 and ∂t/∂x = k = 1e200: the contribution 1e400 is beyond a double.
    const graph: GraphSpec = {
      nodes: [
        n('x', 'input', 1e-300),
        n('k', 'const', 1e200),
        n('t', 'mul'),
        n('m', 'const', 1e200),
        n('J', 'mul'),
      ],
      edges: [
        e('e1', 'x', 't', 'a'),
        e('e2', 'k', 't', 'b'),
        e('e3', 't', 'J', 'a'),
        e('e4', 'm', 'J', 'b'),
      ],
      output: id('J'),
    };
    const runtime = createRuntime({ registry: testRegistry, graph });
    const state = runtime.edge(edgeId('e1')).gradient();
    expect(state).toMatchObject({ kind: 'unavailable', local: 1e200 });
    expect(state.kind === 'unavailable' && state.message).toMatch(/overflows/);
    expect(runtime.node(id('x')).grad().kind).toBe('unavailable');
  });
});

describe('the input() observer', () => {
  const unhandled: unknown[] = [];
  let previous: typeof config.onUnhandledError;
  beforeEach(() => {
    unhandled.length = 0;
    previous = config.onUnhandledError;
    config.onUnhandledError = (error) => unhandled.push(error);
  });
  afterEach(() => {
    config.onUnhandledError = previous;
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('refuses NaN without throwing out of band: the node shows an error until a finite value', async () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    of(Number.NaN).subscribe(runtime.input(id('a')));
    await settle();
    expect(unhandled).toEqual([]);
    expect(runtime.node(id('a')).value()).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('NaN') as string,
    });
    expect(runtime.node(id('J')).value().kind).toBe('blocked');
    // The last finite value stays in the graph's meaning.
    expect(runtime.spec().nodes.find((node) => node.id === 'a')?.params).toEqual({ value: 5 });
    of(1).subscribe(runtime.input(id('a')));
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 21 });
  });

  it('shows a failed stream as an error on the node; complete() keeps the value', async () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    throwError(() => new Error('sensor lost')).subscribe(runtime.input(id('b')));
    await settle();
    expect(unhandled).toEqual([]);
    expect(runtime.node(id('b')).value()).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('sensor lost') as string,
    });
    runtime.setValue(id('b'), 3);
    of(4).subscribe(runtime.input(id('b')));
    expect(runtime.node(id('b')).value()).toEqual({ kind: 'ok', value: 4 });
  });
});

describe('a handle to a removed node', () => {
  it('says the node was removed, and a re-added id gets a fresh handle', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const old = runtime.node(id('u'));
    let completed = false;
    old.value$.subscribe({ complete: () => (completed = true) });
    runtime.removeNode(id('u'));
    expect(completed).toBe(true);
    expect(() => old.value()).toThrow('node "u" was removed');
    expect(() => old.grad()).toThrow('node "u" was removed');
    runtime.addNode(n('u', 'input', 42));
    expect(() => old.value()).toThrow('node "u" was removed');
    const fresh = runtime.node(id('u'));
    expect(fresh).not.toBe(old);
    expect(fresh.value()).toEqual({ kind: 'ok', value: 42 });
    let late = false;
    old.value$.subscribe({ complete: () => (late = true) });
    expect(late).toBe(true);
  });

  it('of an edge throws once the edge is removed', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const old = runtime.edge(edgeId('e1'));
    runtime.removeEdge(edgeId('e1'));
    expect(() => old.gradient()).toThrow('edge "e1" was removed');
  });
});

describe('a batch that throws', () => {
  it('rolls back every edit made in it, emits nothing and rethrows', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const before = runtime.spec();
    const snapshot = runtime.snapshot();
    let emissions = 0;
    runtime.node(id('J')).value$.subscribe(() => emissions++);
    runtime.transaction$.subscribe(() => emissions++);
    emissions = 0;
    expect(() =>
      runtime.batch(() => {
        runtime.setValue(id('a'), 10);
        runtime.removeEdge(edgeId('e4'));
        runtime.addNode(n('w', 'neg'));
        runtime.addEdge(e('e9', 'a', 'w', 'x'));
        runtime.removeNode(id('b'));
        runtime.setOutput(id('v'));
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(runtime.hasNode(id('w'))).toBe(false);
    expect(runtime.output()).toBe('J');
    const after = runtime.spec();
    const sortById = <T extends { id: string }>(items: readonly T[]) =>
      [...items].sort((x, y) => x.id.localeCompare(y.id));
    expect(sortById(after.nodes)).toEqual(sortById(before.nodes));
    expect(sortById(after.edges)).toEqual(sortById(before.edges));
    const now = runtime.snapshot();
    expect(Object.fromEntries(now.nodes)).toEqual(Object.fromEntries(snapshot.nodes));
    expect(Object.fromEntries(now.edges)).toEqual(Object.fromEntries(snapshot.edges));
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 33 });
    expect(emissions).toBeLessThanOrEqual(1); // at most the (empty) transaction report
  });

  it('restores a value edited and then removed with its node, wherever the node lands', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    expect(() =>
      runtime.batch(() => {
        runtime.setValue(id('a'), 10);
        runtime.removeNode(id('a'));
        runtime.addNode(n('filler', 'input', 1)); // takes whatever slot is free
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(runtime.hasNode(id('filler'))).toBe(false);
    expect(runtime.node(id('a')).value()).toEqual({ kind: 'ok', value: 5 });
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 33 });
    expectSameAsRebuild(runtime);
  });

  it('nested: only the inner edits are rolled back when the outer batch catches', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    runtime.batch(() => {
      runtime.setValue(id('a'), 1);
      try {
        runtime.batch(() => {
          runtime.setValue(id('b'), 100);
          throw new Error('inner');
        });
      } catch {
        // the outer batch goes on
      }
    });
    expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 21 });
    expect(runtime.node(id('b')).value()).toEqual({ kind: 'ok', value: 3 });
  });
});

describe('structural churn', () => {
  it(
    'reuses slots, relocates and compacts adjacency, and still equals a rebuild',
    { timeout: 60_000 },
    () => {
      const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
      let next = 0;
      for (let round = 0; round < 8; round++) {
        // Many consumers of one node: its consumer list outgrows its room again and again.
        runtime.batch(() => {
          for (let k = 0; k < 1200; k++) {
            const op = (k + round) % 2 === 0 ? 'neg' : 'mul';
            const node = `w${next++}`;
            runtime.addNode(n(node, op));
            // Every third one hangs off the previous one, so removed nodes leave consumer rooms.
            const from = k % 3 === 0 ? 'v' : k % 3 === 1 ? 'a' : `w${next - 2}`;
            runtime.addEdge(e(`x${node}`, from, node, op === 'neg' ? 'x' : 'a'));
            if (op === 'mul') runtime.addEdge(e(`y${node}`, 'b', node, 'b'));
          }
        });
        expectSameAsRebuild(runtime);
        // Remove most of them again: holes in the rank order, freed slots of another arity.
        runtime.batch(() => {
          for (const node of runtime.spec().nodes) {
            if (node.id.startsWith('w') && Number(node.id.slice(1)) % 5 !== 0) {
              runtime.removeNode(node.id);
            }
          }
        });
        expectSameAsRebuild(runtime);
        runtime.setValue(id('a'), round);
        expectSameAsRebuild(runtime);
      }
      expect(runtime.node(id('J')).value()).toEqual({ kind: 'ok', value: 3 * (7 + 6) });
    },
  );
});
