import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { createBackpropScript } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { makeComposite } from '../composites/makeComposite';
import { scopeDocument } from '../composites/scope';
import { handNeuronDocument, neuronSelection } from '../composites/testDocuments';
import { flattenEditorDocument } from '../session/flatGraph';
import { playerMarks, projectChecks, projectMarks, stepLocation } from './player';

const neuronDoc = () => {
  const made = makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, {
    name: 'neuron',
  });
  if (!made.ok) throw new Error(made.message);
  const flat = flattenEditorDocument(made.doc, standardRegistry);
  if (!flat.ok) throw new Error(flat.message);
  const runtime = createRuntime({ registry: standardRegistry, graph: flat.flat.graph });
  const script = createBackpropScript(runtime);
  runtime.dispose();
  return { doc: made.doc, instance: made.instance, map: flat.flat.map, script };
};

describe('the player steps into composites', () => {
  it('lights the instance at the top level, and the inner node once it is opened', () => {
    const { doc, instance, map, script } = neuronDoc();
    const index = script.steps.findIndex(
      (s) => s.kind === 'forward' && s.node === `${instance}/m2`,
    );
    expect(index).toBeGreaterThan(0);
    const marks = playerMarks(script, index);
    const top = projectMarks(marks, { path: [], edges: doc.graph.edges, map });
    expect(top.nodes.get(instance)).toBe('current');
    expect(top.nodes.get(nodeId('x1'))).toBe('done');
    expect(top.nodes.get(nodeId('J'))).toBe('pending');
    expect([...top.nodes.keys()].some((id) => id.includes('/'))).toBe(false);

    const inner = scopeDocument(doc, [instance])!;
    const opened = projectMarks(marks, { path: [instance], edges: inner.graph.edges, map });
    expect(opened.nodes.get(nodeId('m2'))).toBe('current');
    expect(opened.nodes.get(nodeId('m1'))).toBe('done');
    expect(opened.nodes.has(nodeId('J'))).toBe(false);
    expect(stepLocation(script.steps[index]!, map)).toBe(`in ${instance} (neuron) › m2`);
  });

  it('maps backward edges onto the edge into the instance that they became', () => {
    const { doc, instance, map, script } = neuronDoc();
    // The backward step along x1 → m1 (flat edge of the inner edge from port x1).
    const index = script.steps.findIndex(
      (s) => s.kind === 'edge' && s.source === 'x1' && s.target === `${instance}/m1`,
    );
    expect(index).toBeGreaterThan(script.forwardCount);
    const top = projectMarks(playerMarks(script, index), { path: [], edges: doc.graph.edges, map });
    const into = doc.graph.edges.find((e) => e.source === 'x1' && e.target === instance)!;
    expect(top.edges.get(into.id)).toBe('current');
  });

  it('a gradient check marks an instance bad if anything inside disagrees', () => {
    const { doc, instance, map } = neuronDoc();
    const scope = { path: [], edges: doc.graph.edges, map };
    const checks = new Map([
      [nodeId(`${instance}/m1`), 'ok' as const],
      [nodeId(`${instance}/m2`), 'bad' as const],
      [nodeId(`${instance}/t`), 'ok' as const],
      [nodeId('x1'), 'ok' as const],
    ]);
    expect(projectChecks(checks, scope)).toEqual(
      new Map([
        [instance, 'bad'],
        ['x1', 'ok'],
      ]),
    );
  });
});
