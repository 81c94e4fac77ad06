import type { NodeId, Runtime, RuntimeOptions, RuntimeSnapshot } from '@chainrule/graph-runtime';
import { createRuntime, edgeId, evaluate, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { connect } from '../document/connect';
import type { EditorDocument } from '../document/editorDocument';
import {
  addNode,
  emptyDocument,
  freshNodeId,
  moveNodes,
  removeElements,
  setOutput,
  setValue,
  takenIds,
} from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { createEditorSession } from './editorSession';

const id = nodeId;

const newSession = (doc?: EditorDocument) => {
  const created: Runtime[] = [];
  const session = createEditorSession({
    registry: standardRegistry,
    createRuntime: (options: RuntimeOptions) => {
      const runtime = createRuntime(options);
      created.push(runtime);
      return runtime;
    },
    ...(doc ? { doc } : {}),
  });
  return { session, created };
};

// The wording of an unavailable gradient may name a different upstream cause after incremental
// edits than after a fresh evaluation; its kind and every number must agree.
const comparable = (snapshot: RuntimeSnapshot) => ({
  output: snapshot.output,
  nodes: [...snapshot.nodes].map(([key, { value, grad }]) => [
    key,
    value,
    grad.kind === 'unavailable' ? 'unavailable' : grad,
  ]),
  edges: [...snapshot.edges].map(([key, edge]) => [
    key,
    edge.kind === 'unavailable' ? ['unavailable', edge.local] : edge,
  ]),
});

/** The oracle: a fresh one-shot evaluation of the store's current graph. */
const expectMatchesFreshEvaluation = (runtime: Runtime, doc: EditorDocument): void => {
  expect(comparable(runtime.snapshot())).toEqual(comparable(evaluate(standardRegistry, doc.graph)));
};

const okValue = (runtime: Runtime, node: string): number | undefined => {
  const value = runtime.node(id(node)).value();
  return value.kind === 'ok' ? value.value : undefined;
};
const okGrad = (runtime: Runtime, node: string): number | undefined => {
  const grad = runtime.node(id(node)).grad();
  return grad.kind === 'ok' ? grad.value : undefined;
};

describe('EditorSession: the runtime follows the store', () => {
  it('computes the seed and follows a value edit without re-creating the runtime', () => {
    const { session, created } = newSession(seedDocument());
    const runtime = session.getRuntime();
    expect(okValue(runtime, 'J')).toBe(33);
    expect(['a', 'b', 'c'].map((n) => okGrad(runtime, n))).toEqual([3, 6, 9]);

    session.store.edit('Set b', (doc) => setValue(doc, id('b'), 4));
    expect(session.getRuntime()).toBe(runtime);
    expect(created).toHaveLength(1);
    expect(session.runtimeCreations()).toBe(1);
    expect(okValue(runtime, 'J')).toBe(3 * (5 + 4 * 2));
    expect(okGrad(runtime, 'c')).toBe(12);
  });

  it('a value edit evaluates only the downstream cone in one transaction', () => {
    const { session } = newSession(seedDocument());
    const runtime = session.getRuntime();
    const reports: number[] = [];
    const subscription = runtime.transaction$.subscribe((report) => reports.push(report.evaluated));
    session.store.edit('Set a', (doc) => setValue(doc, id('a'), 6));
    subscription.unsubscribe();
    // a, v and J: not b, c, u or the constant
    expect(reports).toEqual([3]);
  });

  it('moving nodes does not touch the runtime', () => {
    const { session } = newSession(seedDocument());
    const runtime = session.getRuntime();
    const before = runtime.stats().transactions;
    session.store.edit('Move', (doc) => moveNodes(doc, { a: { x: 50, y: 50 } }));
    expect(runtime.stats().transactions).toBe(before);
  });

  it('matches a fresh evaluation after every edit, undo and redo of a random session', () => {
    const seed = 20260;
    let state = seed;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const { session, created } = newSession(emptyDocument());
    const ops = standardRegistry.list().map((op) => op.id);
    for (let step = 0; step < 400; step++) {
      const doc = session.store.getState().doc;
      const nodes = doc.graph.nodes;
      const choice = random(10);
      if (choice < 3 || nodes.length < 2) {
        const op = ops[random(ops.length)]!;
        const nid = freshNodeId(takenIds(doc).nodes, op);
        const definition = standardRegistry.get(op)!;
        session.store.edit('Add', (d) =>
          addNode(
            d,
            definition.kind === 'source'
              ? { id: nid, op, params: { value: random(7) - 3 } }
              : { id: nid, op },
            { x: 0, y: 0 },
          ),
        );
      } else if (choice < 6) {
        const source = nodes[random(nodes.length)]!.id;
        const target = nodes[random(nodes.length)]!;
        const port = standardRegistry.get(target.op)!.inputs[0];
        if (port) {
          const result = connect(
            doc,
            standardRegistry,
            { source, target: target.id, targetPort: port },
            { replace: true },
          );
          if (result.kind === 'connected') session.store.edit('Wire', () => result.doc);
        }
      } else if (choice === 6) {
        const sources = nodes.filter((n) => standardRegistry.get(n.op)!.kind === 'source');
        const pick = sources[random(Math.max(sources.length, 1))];
        if (pick)
          session.store.edit('Set', (d) => setValue(d, pick.id, random(9) - 4), {
            coalesce: `v:${pick.id}`,
          });
      } else if (choice === 7) {
        session.store.edit('Output', (d) =>
          setOutput(d, nodes[random(nodes.length)]!.id as NodeId),
        );
      } else if (choice === 8) {
        session.store.edit('Delete', (d) => removeElements(d, [nodes[random(nodes.length)]!.id]));
      } else if (random(2) === 0) {
        session.store.undo();
      } else {
        session.store.redo();
      }
      expectMatchesFreshEvaluation(session.getRuntime(), session.store.getState().doc);
    }
    expect(created).toHaveLength(1);
  });

  it('opening a document creates exactly one new runtime and disposes the old one', () => {
    const { session, created } = newSession(emptyDocument());
    const first = session.getRuntime();
    let notified = 0;
    session.subscribeRuntime(() => notified++);
    expect(session.open(seedDocument(), { name: 'seed.graph', ref: null })).toEqual({ ok: true });
    expect(created).toHaveLength(2);
    expect(first.disposed).toBe(true);
    expect(notified).toBe(1);
    expect(okValue(session.getRuntime(), 'J')).toBe(33);
    session.store.edit('Set b', (doc) => setValue(doc, id('b'), 1));
    expect(created).toHaveLength(2);
    expect(okValue(session.getRuntime(), 'J')).toBe(21);
  });

  it('refuses a document the engine rejects and keeps the current one untouched', () => {
    const { session } = newSession(seedDocument());
    const runtime = session.getRuntime();
    const before = session.store.getState();
    const broken: EditorDocument = {
      graph: { nodes: [{ id: id('x'), op: 'nope' }], edges: [], output: null },
      positions: {},
    };
    const outcome = session.open(broken, { name: 'broken.graph', ref: null });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('nope');
    expect(session.store.getState()).toBe(before);
    expect(session.getRuntime()).toBe(runtime);
    expect(runtime.disposed).toBe(false);
  });
});

describe('EditorSession: an edit the engine refuses', () => {
  it('is undone, the runtime is rebuilt at the last good graph, and the message reported', () => {
    const refused: string[] = [];
    const session = createEditorSession({
      registry: standardRegistry,
      createRuntime,
      doc: seedDocument(),
      onRefusedEdit: (message) => refused.push(message),
    });
    // Bypasses the editor's connection checks on purpose: port "z" does not exist.
    session.store.edit('Bad edge', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        edges: [
          ...doc.graph.edges,
          { id: edgeId('bad'), source: id('a'), target: id('u'), targetPort: 'z' },
        ],
      },
    }));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('z');
    expect(session.store.getState().doc.graph.edges.map((e) => e.id)).not.toContain('bad');
    const runtime = session.getRuntime();
    expect(runtime.hasEdge(edgeId('bad'))).toBe(false);
    expect(okValue(runtime, 'J')).toBe(33);
    session.store.edit('Set b', (doc) => setValue(doc, id('b'), 4));
    expect(okValue(session.getRuntime(), 'J')).toBe(39);
  });
});
