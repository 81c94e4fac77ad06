import type { GraphSpec } from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import type { EditorDocument } from '../document/editorDocument';
import { setLabel, setValue } from '../document/editorDocument';
import { expandInstance } from './expand';
import { makeComposite } from './makeComposite';
import { definitionNamed } from './model';
import { scopeDocument, writeScope } from './scope';
import { handNeuronDocument, neuronSelection } from './testDocuments';

const id = nodeId;

const made = (doc = handNeuronDocument(), name = 'neuron2') => {
  const result = makeComposite(doc, standardRegistry, neuronSelection, { name });
  if (!result.ok) throw new Error(result.message);
  return result;
};

/** A graph as sets of facts, so the order of nodes and edges does not matter. */
const shape = (graph: GraphSpec) => ({
  nodes: graph.nodes.map((n) => JSON.stringify([n.id, n.op, n.params ?? {}])).sort(),
  edges: graph.edges
    .map((e) => JSON.stringify([e.source, e.sourcePort ?? null, e.target, e.targetPort]))
    .sort(),
  output: graph.output ?? null,
});

describe('makeComposite', () => {
  it('turns a hand-drawn neuron into a definition with ports, parameters and one output', () => {
    const { doc, instance } = made();
    const definition = definitionNamed(doc.definitions ?? [], 'neuron2')!;
    expect(instance).toBe('neuron2_1');
    expect(definition.inputs).toEqual(['x1', 'x2']);
    expect(definition.parameters).toEqual([
      { name: 'w1', default: 0.8 },
      { name: 'w2', default: -0.4 },
      { name: 'b', default: 0.1 },
    ]);
    expect(definition.outputs).toEqual([{ name: 'out', node: 't' }]);
    // The inner graph reads the ports where it read x1 and x2.
    expect(shape(definition.graph).edges).toContain(JSON.stringify(['x1', null, 'm1', 'b']));
    expect(shape(definition.graph).edges).toContain(JSON.stringify(['x2', null, 'm2', 'b']));
    // Outside: x1, x2, the instance and J, wired across the boundary.
    expect(shape(doc.graph)).toEqual({
      nodes: [
        JSON.stringify(['J', 'square', {}]),
        JSON.stringify(['neuron2_1', 'neuron2', { w1: 0.8, w2: -0.4, b: 0.1 }]),
        JSON.stringify(['x1', 'input', { value: 0.5 }]),
        JSON.stringify(['x2', 'input', { value: -1.5 }]),
      ].sort(),
      edges: [
        JSON.stringify(['neuron2_1', null, 'J', 'x']),
        JSON.stringify(['x1', null, 'neuron2_1', 'x1']),
        JSON.stringify(['x2', null, 'neuron2_1', 'x2']),
      ].sort(),
      output: 'J',
    });
    // The edge out keeps its id, so a view of it keeps following it.
    expect(doc.graph.edges.find((e) => e.source === instance)?.id).toBe('e10');
    expect(Object.keys(doc.positions).sort()).toEqual(['J', 'neuron2_1', 'x1', 'x2']);
  });

  it('gives one port to an outside value that feeds several selected nodes', () => {
    const doc = handNeuronDocument();
    // x1 feeds both products.
    const edges = doc.graph.edges.map((e) => (e.id === 'e4' ? { ...e, source: id('x1') } : e));
    const result = makeComposite(
      { ...doc, graph: { ...doc.graph, edges } },
      standardRegistry,
      neuronSelection,
      { name: 'twice' },
    );
    if (!result.ok) throw new Error(result.message);
    expect(definitionNamed(result.doc.definitions!, 'twice')!.inputs).toEqual(['x1']);
    expect(result.doc.graph.edges.filter((e) => e.target === result.instance)).toHaveLength(1);
  });

  it('makes every value read from outside an output, and J one too', () => {
    const doc = handNeuronDocument();
    // Select the two products and the output J's input chain up to J itself.
    const result = makeComposite(doc, standardRegistry, [id('s1'), id('s2'), id('t'), id('J')], {
      name: 'tail',
    });
    if (!result.ok) throw new Error(result.message);
    expect(definitionNamed(result.doc.definitions!, 'tail')!.outputs).toEqual([
      { name: 'out', node: 'J' },
    ]);
    expect(result.doc.graph.output).toBe(result.instance);
  });

  it('refuses an empty selection and a name that is taken', () => {
    expect(makeComposite(handNeuronDocument(), standardRegistry, [])).toMatchObject({ ok: false });
    expect(
      makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, { name: 'tanh' }),
    ).toEqual({ ok: false, message: '“tanh” is already an op; choose another name.' });
    const { doc } = made();
    expect(makeComposite(doc, standardRegistry, [id('x1')], { name: 'neuron2' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('already defines'),
    });
    expect(makeComposite(doc, standardRegistry, [id('x1')], { name: '2x' })).toMatchObject({
      ok: false,
    });
  });
});

describe('expandInstance', () => {
  it('gives the hand-drawn graph back after Make composite, ids, values and places included', () => {
    const before = handNeuronDocument();
    const { doc, instance } = made(before);
    const expanded = expandInstance(doc, instance);
    if (!expanded.ok) throw new Error(expanded.message);
    expect(shape(expanded.doc.graph)).toEqual(shape(before.graph));
    expect(new Set(expanded.doc.graph.edges.map((e) => e.id))).toEqual(
      new Set(before.graph.edges.map((e) => e.id)),
    );
    expect({ ...expanded.doc.positions }).toEqual({ ...before.positions });
  });

  it('uses the instance’s own parameter values and fresh ids when the inner ones are taken', () => {
    const { doc, instance } = made();
    // A second instance with other weights beside the first.
    const second = {
      ...doc,
      graph: {
        ...doc.graph,
        nodes: [
          ...doc.graph.nodes,
          { id: id('h2'), op: 'neuron2', params: { w1: 2, w2: 3, b: 4 } },
        ],
        edges: [
          ...doc.graph.edges,
          { id: 'e99' as never, source: id('x2'), target: id('h2'), targetPort: 'x1' },
        ],
      },
      positions: { ...doc.positions, h2: { x: 0, y: 900 } },
    } as EditorDocument;
    const one = expandInstance(second, instance);
    if (!one.ok) throw new Error(one.message);
    const two = expandInstance(one.doc, id('h2'));
    if (!two.ok) throw new Error(two.message);
    const ids = two.doc.graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const weights = two.nodeIds
      .map((n) => two.doc.graph.nodes.find((node) => node.id === n)!)
      .filter((n) => n.op === 'input')
      .map((n) => n.params?.['value']);
    expect(weights).toEqual([2, 3, 4]);
    // h2's port x2 was not connected: the product reading it is not either.
    const intoProducts = two.doc.graph.edges.filter(
      (e) => two.nodeIds.includes(e.target) && e.source === 'x2',
    );
    expect(intoProducts).toHaveLength(1);
    expect(two.doc.graph.edges.every((e) => ids.includes(e.source) && ids.includes(e.target))).toBe(
      true,
    );
  });

  it('refuses a node that is not an instance', () => {
    expect(expandInstance(handNeuronDocument(), id('t'))).toMatchObject({ ok: false });
  });
});

describe('scopeDocument and writeScope: editing inside an opened instance', () => {
  const twoInstances = () => {
    const { doc, instance } = made();
    const withSecond: EditorDocument = {
      ...doc,
      graph: {
        ...doc.graph,
        nodes: [...doc.graph.nodes, { id: id('h2'), op: 'neuron2', params: { w1: 2 } }],
      },
      positions: { ...doc.positions, h2: { x: 0, y: 900 } },
    };
    return { doc: withSecond, instance };
  };

  it('shows the opened instance’s own parameter values', () => {
    const { doc } = twoInstances();
    const view = scopeDocument(doc, [id('h2')])!;
    const value = (name: string) => view.graph.nodes.find((n) => n.id === name)?.params?.['value'];
    expect([value('w1'), value('w2'), value('b')]).toEqual([2, -0.4, 0.1]);
    expect(view.graph.output).toBeNull();
    // Unchanged document, same view object.
    expect(scopeDocument(doc, [id('h2')])).toBe(view);
    expect(scopeDocument(doc, [id('nope')])).toBeNull();
  });

  it('writes a parameter to the instance and a structural edit to the definition', () => {
    const { doc, instance } = twoInstances();
    const view = scopeDocument(doc, [instance])!;
    const valueEdit = writeScope(doc, [instance], view, setValue(view, id('w2'), 7));
    expect(valueEdit.definitions).toBe(doc.definitions);
    expect(valueEdit.graph.nodes.find((n) => n.id === instance)?.params).toMatchObject({ w2: 7 });
    expect(valueEdit.graph.nodes.find((n) => n.id === 'h2')).toBe(
      doc.graph.nodes.find((n) => n.id === 'h2'),
    );

    const renamed = writeScope(doc, [instance], view, setLabel(view, id('t'), 'activation'));
    expect(renamed.graph).toBe(doc.graph);
    const inner = definitionNamed(renamed.definitions!, 'neuron2')!.graph;
    expect(inner.nodes.find((n) => n.id === 't')?.label).toBe('activation');
    // The definition keeps its defaults whatever instance it was edited through.
    expect(inner.nodes.find((n) => n.id === 'w2')?.params?.['value']).toBe(-0.4);
    expect(writeScope(doc, [instance], view, view)).toBe(doc);
  });
});
