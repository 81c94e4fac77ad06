import type {
  EdgeGradient,
  GraphNode,
  NodeGradient,
  NodeId,
  NodeValue,
  Runtime,
} from '@chainrule/graph-runtime';
import { createRuntime, edgeId, evaluate, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { EditorDocument } from '../document/editorDocument';
import { setValue } from '../document/editorDocument';
import { makeComposite } from '../composites/makeComposite';
import { scopeDocument, writeScope } from '../composites/scope';
import { handNeuronDocument, neuronSelection } from '../composites/testDocuments';
import { createEditorSession } from './editorSession';
import { flattenEditorDocument } from './flatGraph';

const id = nodeId;

const latest = <T>(stream: Observable<T>): { get: () => T; stop: () => void } => {
  let value: T | undefined;
  const subscription = stream.subscribe((next) => (value = next));
  return { get: () => value as T, stop: () => subscription.unsubscribe() };
};

const okValue = (value: NodeValue): number => {
  if (value.kind !== 'ok') throw new Error(`not ok: ${JSON.stringify(value)}`);
  return value.value;
};
const okGrad = (grad: NodeGradient | EdgeGradient): number => {
  if (grad.kind !== 'ok') throw new Error(`not ok: ${JSON.stringify(grad)}`);
  return 'value' in grad ? grad.value : grad.contribution;
};

/** Six instances of one neuron, each fed x1 and x2, J = Σ their outputs squared… as a sum chain. */
const sixNeurons = (): EditorDocument => {
  const made = makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, {
    name: 'neuron',
  });
  if (!made.ok) throw new Error(made.message);
  const { doc, instance } = made;
  const nodes: GraphNode[] = [...doc.graph.nodes];
  const edges = [...doc.graph.edges];
  const positions = { ...doc.positions };
  let sum: NodeId = instance;
  for (let k = 2; k <= 6; k++) {
    const h = id(`h${k}`);
    nodes.push({ id: h, op: 'neuron', params: { w1: k / 10, w2: -k / 7, b: k / 20 } });
    positions[h] = { x: 0, y: k * 200 };
    edges.push({ id: edgeId(`x1h${k}`), source: id('x1'), target: h, targetPort: 'x1' });
    edges.push({ id: edgeId(`x2h${k}`), source: id('x2'), target: h, targetPort: 'x2' });
    const add = id(`sum${k}`);
    nodes.push({ id: add, op: 'add' });
    positions[add] = { x: 400, y: k * 200 };
    edges.push({ id: edgeId(`sa${k}`), source: sum, target: add, targetPort: 'a' });
    edges.push({ id: edgeId(`sb${k}`), source: h, target: add, targetPort: 'b' });
    sum = add;
  }
  // J = square(sum of the six): the old edge t → J now leaves the last sum.
  const kept = edges.filter((edge) => edge.target !== 'J');
  kept.push({ id: edgeId('toJ'), source: sum, target: id('J'), targetPort: 'x' });
  return { ...doc, graph: { nodes, edges: kept, output: id('J') }, positions };
};

const newSession = (doc: EditorDocument) => {
  const created: Runtime[] = [];
  const session = createEditorSession({
    registry: standardRegistry,
    createRuntime: (options) => {
      const runtime = createRuntime(options);
      created.push(runtime);
      return runtime;
    },
    doc,
  });
  return { session, created };
};

/** The oracle: the document flattened and evaluated from scratch. */
const fresh = (doc: EditorDocument) => {
  const flat = flattenEditorDocument(doc, standardRegistry);
  if (!flat.ok) throw new Error(flat.message);
  return evaluate(standardRegistry, flat.flat.graph);
};

describe('the session runs composites flattened', () => {
  it('computes the same J and gradients as the hand-drawn neuron it came from', () => {
    const hand = evaluate(standardRegistry, handNeuronDocument().graph);
    const made = makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, {
      name: 'neuron',
    });
    if (!made.ok) throw new Error(made.message);
    const { session } = newSession(made.doc);
    const runtime = session.getRuntime();
    expect(okValue(runtime.node(id('J')).value())).toBeCloseTo(
      okValue(hand.nodes.get(id('J'))!.value),
      12,
    );
    for (const weight of ['w1', 'w2', 'b']) {
      expect(okGrad(runtime.node(id(`neuron1/${weight}`)).grad())).toBeCloseTo(
        okGrad(hand.nodes.get(id(weight))!.grad),
        12,
      );
    }
    // The instance's ports: x1 is fed by x1; out is the inner tanh.
    const x1 = latest(session.portValue$('neuron1', 'input', 'x1'));
    const out = latest(session.portValue$('neuron1', 'output', 'out'));
    const dx1 = latest(session.portGrad$('neuron1', 'input', 'x1'));
    expect(x1.get()).toEqual({ kind: 'ok', value: 0.5 });
    expect(okValue(out.get())).toBeCloseTo(okValue(hand.nodes.get(id('t'))!.value), 12);
    expect(okGrad(dx1.get())).toBeCloseTo(okGrad(hand.nodes.get(id('x1'))!.grad), 12);
  });

  it('six instances of one neuron: a definition edit updates all six live, once, and undoes', () => {
    const doc = sixNeurons();
    const { session, created } = newSession(doc);
    const runtime = session.getRuntime();
    const outs = ['neuron1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) =>
      latest(session.portValue$(h, 'output', 'out')),
    );
    const before = outs.map((out) => okValue(out.get()));
    expect(before.every((v) => Math.abs(v) < 1)).toBe(true); // tanh

    // Inside h3, replace the activation tanh by sigmoid: an edit of the definition.
    const path = [id('h3')];
    const view = scopeDocument(session.store.getState().doc, path)!;
    const transactions: number[] = [];
    const sub = runtime.transaction$.subscribe((t) => transactions.push(t.version));
    session.store.edit('Change op', (root) =>
      writeScope(root, path, view, {
        ...view,
        graph: {
          ...view.graph,
          nodes: view.graph.nodes.map((n) => (n.id === 't' ? { ...n, op: 'sigmoid' } : n)),
        },
      }),
    );
    sub.unsubscribe();
    expect(transactions).toHaveLength(1);
    expect(created).toHaveLength(1);
    const after = outs.map((out) => okValue(out.get()));
    expect(after.every((v) => v > 0 && v < 1)).toBe(true);
    after.forEach((v, k) => expect(v).not.toBe(before[k]));
    const oracle = fresh(session.store.getState().doc);
    expect(okValue(runtime.node(id('J')).value())).toBeCloseTo(
      okValue(oracle.nodes.get(id('J'))!.value),
      12,
    );

    session.store.undo();
    expect(outs.map((out) => okValue(out.get()))).toEqual(before);
    session.store.redo();
    expect(outs.map((out) => okValue(out.get()))).toEqual(after);
    outs.forEach((out) => out.stop());
  });

  it('a parameter edited inside one instance changes that instance alone', () => {
    const { session } = newSession(sixNeurons());
    const outs = ['neuron1', 'h2', 'h3'].map((h) => latest(session.portValue$(h, 'output', 'out')));
    const before = outs.map((out) => okValue(out.get()));
    const path = [id('h2')];
    const view = scopeDocument(session.store.getState().doc, path)!;
    session.store.edit('Set w1', (root) =>
      writeScope(root, path, view, setValue(view, id('w1'), 3)),
    );
    const after = outs.map((out) => okValue(out.get()));
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(session.getRuntime().node(id('h2/w1')).value()).toEqual({ kind: 'ok', value: 3 });
  });

  it('an edge into a port read by two inner nodes shows the sum of their factors', () => {
    const doc = handNeuronDocument();
    // x1 feeds both products, so inside the neuron port x1 has two consumers.
    const edges = doc.graph.edges.map((e) => (e.id === 'e4' ? { ...e, source: id('x1') } : e));
    const made = makeComposite(
      { ...doc, graph: { ...doc.graph, edges } },
      standardRegistry,
      neuronSelection,
      { name: 'twice' },
    );
    if (!made.ok) throw new Error(made.message);
    const { session } = newSession(made.doc);
    const into = made.doc.graph.edges.find((e) => e.target === made.instance)!;
    const factor = latest(session.edgeGradient$(into.id));
    const dx1 = session.getRuntime().node(id('x1')).grad();
    // x1 feeds nothing else, so the edge carries all of dJ/dx1.
    expect(okGrad(factor.get())).toBeCloseTo(okGrad(dx1), 12);
    const port = latest(session.portGrad$('twice1', 'input', 'x1'));
    expect(okGrad(port.get())).toBeCloseTo(okGrad(dx1), 12);
    session.store.edit('Set x1', (d) => setValue(d, id('x1'), 2));
    expect(okGrad(factor.get())).toBeCloseTo(
      okGrad(session.getRuntime().node(id('x1')).grad()),
      12,
    );
  });

  it('refuses an edit that breaks a definition, naming where, and keeps the last good graph', () => {
    const refused: string[] = [];
    const session = createEditorSession({
      registry: standardRegistry,
      createRuntime,
      doc: sixNeurons(),
      onRefusedEdit: (message) => refused.push(message),
    });
    const J = okValue(session.getRuntime().node(id('J')).value());
    // Deleting the port node x1 inside the definition leaves a port without its node.
    const path = [id('h2')];
    const view = scopeDocument(session.store.getState().doc, path)!;
    session.store.edit('Delete', (root) =>
      writeScope(root, path, view, {
        ...view,
        graph: {
          ...view.graph,
          nodes: view.graph.nodes.filter((n) => n.id !== 'x1'),
          edges: view.graph.edges.filter((e) => e.source !== 'x1'),
        },
      }),
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('definitions[0]');
    expect(okValue(session.getRuntime().node(id('J')).value())).toBe(J);
    expect(session.store.getState().canUndo).toBe(false);
  });
});
