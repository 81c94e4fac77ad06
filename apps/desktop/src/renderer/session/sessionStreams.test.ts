import type {
  EdgeGradient,
  GraphSpec,
  NodeGradient,
  NodeValue,
  RuntimeSnapshot,
} from '@chainrule/graph-runtime';
import { createRuntime, edgeId, evaluate, nodeId } from '@chainrule/graph-runtime';
import { expressionToGraph } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import type { Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../document/connect';
import type { EditorDocument } from '../document/editorDocument';
import { removeElements, setValue } from '../document/editorDocument';
import { extractFragment, insertFragment } from '../document/fragment';
import { seedDocument } from '../document/testGraphs';
import { expressionDocument } from '../learn/expressionDocument';
import type { EditorSession } from './editorSession';
import { createEditorSession } from './editorSession';

/**
 * What a canvas view shows is the last thing the session's stream for its id emitted. These
 * tests play the part of the canvas: they subscribe once per id, before the edits, and never
 * again, like a node component that stays mounted while the node behind its id is replaced.
 */
interface Shown {
  readonly session: EditorSession;
  readonly values: Map<string, NodeValue>;
  readonly grads: Map<string, NodeGradient>;
  readonly edges: Map<string, EdgeGradient>;
}

const subscriptions: Subscription[] = [];
afterEach(() => {
  for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
});

const watchNode = (shown: Shown, id: string): void => {
  subscriptions.push(
    shown.session.nodeValue$(nodeId(id)).subscribe((v) => shown.values.set(id, v)),
    shown.session.nodeGrad$(nodeId(id)).subscribe((g) => shown.grads.set(id, g)),
  );
};
const watchEdge = (shown: Shown, id: string): void => {
  subscriptions.push(
    shown.session.edgeGradient$(edgeId(id)).subscribe((g) => shown.edges.set(id, g)),
  );
};

const watch = (session: EditorSession, nodeIds: string[], edgeIds: string[]): Shown => {
  const shown: Shown = { session, values: new Map(), grads: new Map(), edges: new Map() };
  for (const id of nodeIds) watchNode(shown, id);
  for (const id of edgeIds) watchEdge(shown, id);
  return shown;
};

// The wording of an unavailable gradient may name another upstream cause after incremental
// edits than after a fresh evaluation; its kind and every number must agree.
const loose = <T extends { kind: string }>(x: T) =>
  x.kind === 'unavailable' ? { ...x, message: '' } : x;

/** Every node and edge of the store's graph, as shown, against a fresh one-shot evaluation. */
const expectShownMatchesFreshEvaluation = (shown: Shown, graph: GraphSpec): void => {
  const fresh: RuntimeSnapshot = evaluate(standardRegistry, graph);
  expect(graph.nodes.length).toBeGreaterThan(0);
  // An id never seen before gets a new view, as a newly drawn node does on the canvas.
  for (const node of graph.nodes) if (!shown.values.has(node.id)) watchNode(shown, node.id);
  for (const edge of graph.edges) if (!shown.edges.has(edge.id)) watchEdge(shown, edge.id);
  for (const node of graph.nodes) {
    const expected = fresh.nodes.get(node.id)!;
    expect(shown.values.get(node.id), `value of ${node.id}`).toEqual(expected.value);
    expect(loose(shown.grads.get(node.id)!), `gradient of ${node.id}`).toEqual(
      loose(expected.grad),
    );
  }
  for (const edge of graph.edges) {
    expect(loose(shown.edges.get(edge.id)!), `edge ${edge.id}`).toEqual(
      loose(fresh.edges.get(edge.id)!),
    );
  }
};

const newSession = (doc: EditorDocument) =>
  createEditorSession({ registry: standardRegistry, createRuntime, doc });

const fromExpression = (source: string) => {
  const result = expressionToGraph(source, { registry: standardRegistry });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const rebuild = (session: EditorSession, source: string): void => {
  const built = fromExpression(source);
  session.store.edit('Build from expression', (doc) =>
    expressionDocument(doc, { graph: built.graph, positions: built.positions }, 'replace'),
  );
  session.store.seal();
};

const IDS = ['a', 'b', 'c', 'u', 'v', 'three', 'J', 'x', 'mul1', 'add1', 'const1', 'div1'];
const EDGES = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'];

describe('session streams: a view keeps showing what the runtime computes', () => {
  it('after an expression rebuild that reuses ids (J = a*b, then J = a + b, then an edit)', () => {
    const session = newSession(seedDocument());
    const built = fromExpression('J = a*b\na = 2\nb = 3');
    const ids = built.graph.nodes.map((n) => n.id as string);
    rebuild(session, 'J = a*b\na = 2\nb = 3');
    const shown = watch(
      session,
      [...new Set([...ids, ...IDS])],
      [...new Set([...built.graph.edges.map((e) => e.id as string), ...EDGES])],
    );
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 6 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);

    rebuild(session, 'J = a + b\na = 1\nb = 2');
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 3 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);

    session.store.edit('Set a', (doc) => setValue(doc, nodeId('a'), 7));
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 9 });
    expect(shown.grads.get('a')).toEqual({ kind: 'ok', value: 1 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after a rebuild from a division by zero to J = 0.1 + 0.2', () => {
    const session = newSession(seedDocument());
    rebuild(session, 'J = a/b\na = 1\nb = 0');
    const shown = watch(session, IDS, EDGES);
    expect(shown.values.get('J')?.kind).toBe('error');
    rebuild(session, 'J = 0.1 + 0.2');
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 0.1 + 0.2 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after an op change under the same id, its undo and its redo', () => {
    const session = newSession(seedDocument());
    const shown = watch(session, IDS, EDGES);
    session.store.edit('Change op', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        nodes: doc.graph.nodes.map((n) => (n.id === 'J' ? { ...n, op: 'add' } : n)),
      },
    }));
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 3 + 11 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    session.store.undo();
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 33 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    session.store.redo();
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after a delete and its undo (the node and its edges come back as new runtime nodes)', () => {
    const session = newSession(seedDocument());
    const shown = watch(session, IDS, EDGES);
    session.store.edit('Delete', (doc) => removeElements(doc, [nodeId('u')]));
    expect(shown.values.get('u')).toEqual({ kind: 'blocked', message: '' });
    expect(shown.values.get('v')?.kind).toBe('blocked');
    session.store.undo();
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    session.store.edit('Set c', (doc) => setValue(doc, nodeId('c'), 10));
    expect(shown.values.get('u')).toEqual({ kind: 'ok', value: 30 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    session.store.redo();
    session.store.undo();
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after a paste, and after a reconnect that keeps the edge id', () => {
    const session = newSession(seedDocument());
    const shown = watch(session, IDS, EDGES);
    const fragment = extractFragment(session.store.getState().doc, [nodeId('b'), nodeId('u')]);
    session.store.edit('Paste', (doc) => insertFragment(doc, fragment, { x: 40, y: 40 }).doc);
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    // e5 (3 → J.a) rewired from a instead: same id, another runtime edge.
    const doc = session.store.getState().doc;
    const result = connect(
      { ...doc, graph: { ...doc.graph, edges: doc.graph.edges.filter((e) => e.id !== 'e5') } },
      standardRegistry,
      { source: nodeId('a'), target: nodeId('J'), targetPort: 'a' },
    );
    if (result.kind !== 'connected') throw new Error(result.kind);
    session.store.edit('Reconnect', () => ({
      ...result.doc,
      graph: {
        ...result.doc.graph,
        edges: result.doc.graph.edges.map((e) =>
          e.source === 'a' && e.target === 'J' ? { ...e, id: edgeId('e5') } : e,
        ),
      },
    }));
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 5 * 11 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after opening another document with the same ids (a new runtime)', () => {
    const session = newSession(seedDocument());
    const shown = watch(session, IDS, EDGES);
    const built = fromExpression('J = a - b*c\na = 1\nb = 2\nc = 4');
    const doc: EditorDocument = {
      graph: built.graph,
      positions: Object.fromEntries(built.positions),
    };
    expect(session.open(doc, { name: 'other.graph', ref: null })).toEqual({ ok: true });
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: -7 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
    session.store.edit('Set a', (d) => setValue(d, nodeId('a'), 2));
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('after an edit the engine refuses (the runtime is rebuilt)', () => {
    const session = createEditorSession({
      registry: standardRegistry,
      createRuntime,
      doc: seedDocument(),
      onRefusedEdit: () => undefined,
    });
    const shown = watch(session, IDS, EDGES);
    session.store.edit('Bad edge', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        edges: [
          ...doc.graph.edges,
          { id: edgeId('bad'), source: nodeId('a'), target: nodeId('u'), targetPort: 'z' },
        ],
      },
    }));
    session.store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 4));
    expect(shown.values.get('J')).toEqual({ kind: 'ok', value: 39 });
    expectShownMatchesFreshEvaluation(shown, session.store.getState().doc.graph);
  });

  it('holds no subscription to a runtime node once its view unsubscribes', () => {
    const session = newSession(seedDocument());
    const runtime = session.getRuntime();
    const before = runtime.stats().subscriptions;
    watch(session, IDS, EDGES);
    rebuild(session, 'J = a*b\na = 2\nb = 3');
    expect(session.getRuntime().stats().subscriptions).toBeGreaterThan(before);
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    expect(session.getRuntime().stats().subscriptions).toBe(before);
  });
});
