import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { moveNodes, setLabel, setValue } from '../document/editorDocument';
import { createEditorSession } from '../session/editorSession';
import { canvasRuntime } from '../session/canvasRuntime';
import { makeComposite } from './makeComposite';
import { definitionNamed } from './model';
import { createScopedSession } from './scopeSession';
import { handNeuronDocument, neuronSelection } from './testDocuments';

const id = nodeId;

const opened = () => {
  const made = makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, {
    name: 'neuron',
  });
  if (!made.ok) throw new Error(made.message);
  const root = createEditorSession({ registry: standardRegistry, createRuntime, doc: made.doc });
  return { root, inner: createScopedSession(root, [made.instance]), instance: made.instance };
};

describe('the session of an opened instance', () => {
  it('shows the inner graph and reads THIS instance’s flat nodes by inner ids', async () => {
    const { root, inner, instance } = opened();
    const { doc } = inner.store.getState();
    expect(doc.graph.nodes.map((n) => n.id)).toContain('m1');
    const m1 = await firstValueFrom(inner.nodeValue$(id('m1')));
    expect(m1).toEqual(
      root
        .getRuntime()
        .node(id(`${instance}/m1`))
        .value(),
    );
    // The port x1 reads what feeds it from outside: x1 = 0.5.
    expect(await firstValueFrom(inner.nodeValue$(id('x1')))).toEqual({ kind: 'ok', value: 0.5 });
    // The inspector's view of the runtime names inner nodes by their inner ids.
    expect(canvasRuntime(inner, root.getRuntime()).node(id('m1')).value()).toEqual(m1);
  });

  it('edits the definition through the one undo history; selection stays the view’s', () => {
    const { root, inner } = opened();
    inner.store.edit('Rename', (doc) => setLabel(doc, id('t'), 'act'), {
      select: { nodes: new Set([id('t')]), edges: new Set() },
    });
    const definition = () => definitionNamed(root.store.getState().doc.definitions!, 'neuron')!;
    expect(definition().graph.nodes.find((n) => n.id === 't')?.label).toBe('act');
    expect(inner.store.getState().selection.nodes).toEqual(new Set(['t']));
    expect(root.store.getState().selection.nodes.size).toBe(0);
    expect(inner.store.getState().canUndo).toBe(true);
    inner.store.undo();
    expect(definition().graph.nodes.find((n) => n.id === 't')?.label).toBeUndefined();
    expect(root.store.getState().canUndo).toBe(false);
    // A move inside is a layout edit of the definition: no runtime change.
    const before = root.getRuntime().stats().transactions;
    inner.store.edit('Move', (doc) => moveNodes(doc, { t: { x: 5, y: 5 } }));
    expect(root.getRuntime().stats().transactions).toBe(before);
    expect(definition().layout?.positions['t']).toEqual({ x: 5, y: 5 });
  });

  it('a value typed into a parameter inside goes to that instance', () => {
    const { root, inner, instance } = opened();
    inner.store.edit('Set w1', (doc) => setValue(doc, id('w1'), 2));
    expect(
      root
        .getRuntime()
        .node(id(`${instance}/w1`))
        .value(),
    ).toEqual({ kind: 'ok', value: 2 });
    expect(inner.store.getState().doc.graph.nodes.find((n) => n.id === 'w1')?.params).toEqual({
      value: 2,
    });
  });
});
