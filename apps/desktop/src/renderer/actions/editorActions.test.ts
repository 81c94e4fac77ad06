import { createRuntime, edgeId, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readGraphText } from '../document/documentText';
import { positionOf } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import type {
  DocumentHost,
  DocumentRef,
  MenuCommand,
  OpenResult,
  SaveResult,
  UnsavedChoice,
} from '../host/DocumentHost';
import { createEditorSession } from '../session/editorSession';
import { createViewStore } from '../viewStore';
import { createMemoryRecovery } from '../host/recovery';
import type { CanvasControls } from './editorActions';
import { createEditorActions } from './editorActions';

const id = nodeId;
const ref = (text: string) => text as DocumentRef;

/** A host that records what the actions asked of it and answers as told. */
const fakeHost = () => {
  const calls: string[] = [];
  const saved: { ref: DocumentRef | null; text: string; name: string }[] = [];
  const answers = {
    open: { kind: 'cancelled' } as OpenResult,
    save: null as SaveResult | null,
    unsaved: 'discard' as UnsavedChoice,
  };
  const host: DocumentHost = {
    kind: 'browser',
    recovery: createMemoryRecovery(),
    open: async () => {
      calls.push('open');
      return answers.open;
    },
    save: async (target, text, name) => {
      calls.push(`save ${name}`);
      saved.push({ ref: target, text, name });
      return answers.save ?? { kind: 'saved', ref: target ?? ref('new'), name };
    },
    saveAs: async (text, name) => {
      calls.push(`saveAs ${name}`);
      saved.push({ ref: null, text, name });
      return answers.save ?? { kind: 'saved', ref: ref('chosen'), name: 'chosen.graph' };
    },
    setTitle: () => undefined,
    confirmUnsaved: async (name) => {
      calls.push(`confirm ${name}`);
      return answers.unsaved;
    },
    onCommand: () => () => undefined,
    onExternalOpen: () => () => undefined,
    onCloseRequest: () => () => undefined,
  };
  return { host, calls, saved, answers };
};

const setup = (doc = seedDocument()) => {
  const session = createEditorSession({
    registry: standardRegistry,
    createRuntime,
    doc,
    file: { name: 'seed.graph', ref: ref('seed') },
  });
  const view = createViewStore();
  const fake = fakeHost();
  const actions = createEditorActions(session, fake.host, view);
  const state = () => session.store.getState();
  const valueOf = (node: string) => session.getRuntime().node(id(node)).value();
  return { session, view, actions, state, valueOf, ...fake };
};

// The actions mirror copies to the system clipboard when the platform has one.
const systemClipboard = { text: '', writeText: vi.fn(), readText: vi.fn() };
beforeEach(() => {
  systemClipboard.text = '';
  systemClipboard.writeText.mockImplementation(async (text: string) => {
    systemClipboard.text = text;
  });
  systemClipboard.readText.mockImplementation(async () => systemClipboard.text);
  vi.stubGlobal('navigator', { clipboard: systemClipboard });
});
afterEach(() => vi.unstubAllGlobals());

describe('editor actions: adding and connecting', () => {
  it('adds an op at the canvas centre with a fresh id, selected, as one undo step', () => {
    const { actions, state } = setup();
    const controls: CanvasControls = {
      center: () => ({ x: 5012, y: 34 }),
      fitView: vi.fn(),
      zoomIn: vi.fn(),
      zoomOut: vi.fn(),
      quickAdd: vi.fn(),
    };
    actions.attachCanvas(controls);
    const added = actions.addOp('input');
    expect(added).toBe('d'); // a, b, c are taken: the next free letter
    expect(positionOf(state().doc.positions, 'd')).toEqual({ x: 5012, y: 34 });
    expect(state().doc.graph.nodes.find((n) => n.id === 'd')?.params).toEqual({ value: 0 });
    expect([...state().selection.nodes]).toEqual(['d']);
    expect(state().undoLabel).toBe('Add Input');
    expect(actions.addOp('no-such-op')).toBeNull();
    // Added again at the same centre, the next node goes beside it, not on top of it.
    const next = actions.addOp('mul')!;
    const [first, second] = [
      positionOf(state().doc.positions, 'd')!,
      positionOf(state().doc.positions, next)!,
    ];
    expect(Math.abs(first.x - second.x) >= 172 || Math.abs(first.y - second.y) >= 100).toBe(true);
  });

  it('names an added function node u, v, … (skipping names in use), never by its id', () => {
    const { actions, state } = setup();
    const first = actions.addOp('mul', { x: 0, y: 0 })!;
    const second = actions.addOp('add', { x: 400, y: 0 })!;
    const labelOf = (id: string) => state().doc.graph.nodes.find((n) => n.id === id)?.label;
    expect(first).toMatch(/^mul\d+$/);
    const names = [labelOf(first), labelOf(second)];
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^[uvwpqrst]\d*$/);
    // An input keeps its letter as its name.
    expect(labelOf(actions.addOp('input', { x: 800, y: 0 })!)).toBeUndefined();
  });

  it('adds an op wired from a node into its first port (quick add from a handle)', () => {
    const { actions, state, valueOf } = setup();
    const added = actions.addOp('neg', { x: 0, y: 0 }, { connectFrom: id('J') })!;
    expect(state().doc.graph.edges.filter((e) => e.target === added)).toMatchObject([
      { source: 'J', targetPort: 'x' },
    ]);
    expect(valueOf(added)).toEqual({ kind: 'ok', value: -33 });
  });

  it('connects, refuses a cycle with the runtime’s sentence, and offers Replace for a taken port', () => {
    const { actions, state, view, valueOf } = setup();
    actions.connect({ source: id('J'), target: id('u'), targetPort: 'a' });
    expect(view.getState().notice).toMatchObject({
      tone: 'refusal',
      message: 'Connecting J to u would make a cycle: J → u → v → J.',
    });
    expect(state().doc.graph.edges).toHaveLength(6);

    actions.connect({ source: id('a'), target: id('u'), targetPort: 'a' });
    const notice = view.getState().notice!;
    expect(notice.message).toBe(
      'Port a of u is already connected from b. Replace that connection?',
    );
    expect(state().doc.graph.edges).toHaveLength(6);
    notice.action!.run();
    expect(view.getState().notice).toBeNull();
    // u = a·c = 5·2 = 10, v = 15, J = 45.
    expect(valueOf('J')).toEqual({ kind: 'ok', value: 45 });
    expect(state().undoLabel).toBe('Replace connection');
  });

  it('reconnects an edge keeping its id, and removes an edge', () => {
    const { actions, state } = setup();
    actions.reconnect(edgeId('e1'), { source: id('a'), target: id('u'), targetPort: 'a' });
    expect(state().doc.graph.edges.find((e) => e.id === 'e1')).toMatchObject({ source: 'a' });
    actions.removeEdge(edgeId('e1'));
    expect(state().doc.graph.edges.map((e) => e.id)).not.toContain('e1');
  });
});

describe('editor actions: selection, clipboard and history', () => {
  it('deletes the selection and undo brings it back', () => {
    const { actions, state } = setup();
    actions.select({ nodes: new Set([id('u')]), edges: new Set() });
    actions.deleteSelection();
    expect(state().doc.graph.nodes.map((n) => n.id)).not.toContain('u');
    expect(state().doc.graph.edges.some((e) => e.source === 'u' || e.target === 'u')).toBe(false);
    actions.undo();
    expect(state().doc).toEqual(seedDocument());
    actions.redo();
    expect(state().doc.graph.nodes).toHaveLength(6);
  });

  it('copies and pastes with fresh ids, offset, selected; cut removes the originals', () => {
    const { actions, state } = setup();
    actions.select({ nodes: new Set([id('b'), id('c'), id('u')]), edges: new Set() });
    actions.copySelection();
    expect(JSON.parse(systemClipboard.text).kind).toBe('chainrule-fragment');
    actions.paste();
    const pasted = [...state().selection.nodes];
    expect(pasted).toHaveLength(3);
    expect(pasted.some((n) => ['b', 'c', 'u'].includes(n))).toBe(false);
    // The edges between the copies come along: two into the pasted mul.
    expect(state().selection.edges.size).toBe(2);
    // Each copy sits PASTE_OFFSET (40) right of and below its original.
    const where = (ids: readonly string[]) =>
      ids.map((n) => positionOf(state().doc.positions, n)!).map((p) => `${p.x},${p.y}`);
    const shifted = ['b', 'c', 'u']
      .map((n) => positionOf(state().doc.positions, n)!)
      .map((p) => `${p.x + 40},${p.y + 40}`);
    expect(where(pasted).sort()).toEqual(shifted.sort());

    actions.select({ nodes: new Set([id('a')]), edges: new Set() });
    actions.cutSelection();
    expect(state().doc.graph.nodes.map((n) => n.id)).not.toContain('a');
    expect(state().undoLabel).toBe('Cut');
  });

  it('pastes a fragment from the system clipboard when this window copied nothing', async () => {
    const first = setup();
    first.actions.select({ nodes: new Set([id('three')]), edges: new Set() });
    first.actions.copySelection();
    const second = setup();
    second.actions.paste();
    await vi.waitFor(() => expect(second.state().doc.graph.nodes).toHaveLength(8));
  });

  it('duplicates the selection and selects everything', () => {
    const { actions, state } = setup();
    actions.select({ nodes: new Set([id('a')]), edges: new Set() });
    actions.duplicateSelection();
    expect(state().doc.graph.nodes).toHaveLength(8);
    expect(state().undoLabel).toBe('Duplicate');
    actions.selectAll();
    expect(state().selection.nodes.size).toBe(8);
    expect(state().selection.edges.size).toBe(6);
  });

  it('coalesces one gesture into one undo step, and a new gesture starts another', () => {
    const { actions, state, valueOf } = setup();
    actions.setValue(id('a'), 6, 'typing-a');
    actions.setValue(id('a'), 7, 'typing-a');
    actions.endGesture();
    actions.setValue(id('a'), 8, 'typing-a');
    expect(valueOf('J')).toEqual({ kind: 'ok', value: 42 });
    actions.undo();
    expect(valueOf('J')).toEqual({ kind: 'ok', value: 39 });
    actions.undo();
    expect(valueOf('J')).toEqual({ kind: 'ok', value: 33 });
    actions.setLabel(id('a'), 'alpha', 'label');
    expect(state().doc.graph.nodes[0]?.label).toBe('alpha');
    actions.moveNodes(new Map([[id('a'), { x: 1, y: 2 }]]), 'drag');
    expect(positionOf(state().doc.positions, 'a')).toEqual({ x: 1, y: 2 });
    actions.setOutput(null);
    expect(state().doc.graph.output).toBeNull();
    expect(state().undoLabel).toBe('Clear output');
    actions.setOutput(id('v'));
    expect(state().undoLabel).toBe('Choose v as output');
  });
});

describe('editor actions: documents', () => {
  it('saves to the document’s ref, marks it clean, and Save As takes the chosen name', async () => {
    const { actions, state, saved } = setup();
    actions.setValue(id('a'), 6, 'typing');
    expect(state().dirty).toBe(true);
    expect(await actions.save()).toBe(true);
    expect(saved[0]).toMatchObject({ ref: 'seed', name: 'seed.graph' });
    const reread = readGraphText(saved[0]!.text, standardRegistry);
    expect(reread.ok && reread.doc.graph.nodes[0]?.params).toEqual({ value: 6 });
    expect(state().dirty).toBe(false);
    expect(await actions.saveAs()).toBe(true);
    expect(state().file).toEqual({ name: 'chosen.graph', ref: 'chosen' });
  });

  it('reports a failed save and stays dirty', async () => {
    const { actions, state, view, answers } = setup();
    actions.setValue(id('a'), 6, 'typing');
    answers.save = { kind: 'failed', message: 'the disk is full' };
    expect(await actions.save()).toBe(false);
    expect(view.getState().notice).toMatchObject({
      tone: 'error',
      message: 'Could not save: the disk is full',
    });
    expect(state().dirty).toBe(true);
  });

  it('asks before replacing a dirty document: Cancel keeps it, Save saves first, Discard drops it', async () => {
    const { actions, state, calls, answers } = setup();
    actions.setValue(id('a'), 6, 'typing');
    answers.unsaved = 'cancel';
    await actions.newDocument();
    expect(state().doc.graph.nodes).toHaveLength(7);
    answers.unsaved = 'save';
    await actions.newDocument();
    expect(calls).toEqual(['confirm seed.graph', 'confirm seed.graph', 'save seed.graph']);
    expect(state().doc.graph.nodes).toHaveLength(0);
    expect(state().file).toEqual({ name: 'Untitled.graph', ref: null });
    // A clean document is replaced without a question.
    await actions.openExample('tanh-neuron.graph');
    expect(calls).toHaveLength(3);
    expect(state().file.name).toBe('tanh-neuron.graph');
  });

  it('opens an example, a host file, and says why a broken file or unknown example is refused', async () => {
    const { actions, state, view, answers } = setup();
    await actions.openExample('nope.graph');
    expect(view.getState().notice?.message).toBe('There is no example called nope.graph.');
    answers.open = {
      kind: 'opened',
      document: { ref: ref('r1'), name: 'broken.graph', text: '{ "format": 1' },
    };
    await actions.openDocument();
    expect(view.getState().notice).toMatchObject({ tone: 'error' });
    expect(view.getState().notice?.message).toMatch(/^Could not open broken\.graph:\n/);
    expect(state().file.name).toBe('seed.graph');
    await actions.openExternal({ kind: 'failed', message: 'not a .graph document' });
    expect(view.getState().notice?.message).toBe('not a .graph document');
    await actions.openExample('seed.graph');
    expect(state().file).toEqual({ name: 'seed.graph', ref: null });
    expect(view.getState().notice).toBeNull();
  });

  it('opens a file whose definition shares a name with the open document’s (each file has its own)', async () => {
    const { actions, state, view } = setup();
    await actions.openExample('two-layer-network.graph');
    expect(state().doc.definitions?.map((d) => d.name)).toContain('neuron2');
    await actions.openExample('spiral.graph');
    expect(view.getState().notice).toBeNull();
    expect(state().file.name).toBe('spiral.graph');
    await actions.openExample('two-layer-network.graph');
    expect(view.getState().notice).toBeNull();
    expect(state().file.name).toBe('two-layer-network.graph');
  });

  it('runs menu commands by name, open-example included', async () => {
    const { actions, state, view } = setup();
    const labelsBefore = view.getState().edgeLabels;
    const commands: MenuCommand[] = ['toggle-edge-labels', 'show-shortcuts', 'select-all'];
    for (const command of commands) actions.runCommand(command);
    expect(view.getState()).toMatchObject({ edgeLabels: !labelsBefore, shortcutsOpen: true });
    expect(state().selection.nodes.size).toBe(7);
    actions.runCommand('delete');
    expect(state().doc.graph.nodes).toHaveLength(0);
    actions.runCommand('undo');
    expect(state().doc.graph.nodes).toHaveLength(7);
    actions.runCommand('open-example:fan-out.graph');
    await vi.waitFor(() => expect(state().file.name).toBe('fan-out.graph'));
  });
});
