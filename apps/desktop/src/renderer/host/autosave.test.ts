import { nodeId } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../document/DocumentStore';
import { writeGraphText } from '../document/documentText';
import { setValue } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { startAutosave } from './autosave';
import type { RecoverySnapshot } from './recovery';
import { createMemoryRecovery } from './recovery';

const setup = () => {
  const store = createDocumentStore(seedDocument(), { name: 'seed.graph', ref: null });
  const recovery = createMemoryRecovery();
  const writes: RecoverySnapshot[] = [];
  const logged = {
    ...recovery,
    write: async (snapshot: RecoverySnapshot) => {
      writes.push(snapshot);
      await recovery.write(snapshot);
    },
  };
  let tick: () => void = () => undefined;
  let clock = 1_000;
  const autosave = startAutosave({
    store,
    recovery: logged,
    serialize: (state) => writeGraphText(state.doc, state.viewport),
    now: () => clock,
    timers: { setInterval: (run) => (tick = run), clearInterval: () => (tick = () => undefined) },
  });
  const interval = async (): Promise<void> => {
    clock += 3_000;
    tick();
    await autosave.flush();
  };
  const setB = (value: number) => store.edit('Set b', (doc) => setValue(doc, nodeId('b'), value));
  return { store, recovery, writes, autosave, interval, setB, tick: () => tick() };
};

describe('startAutosave', () => {
  it('autosaves only while there are unsaved changes, and only what changed', async () => {
    const { recovery, writes, interval, setB } = setup();
    await interval();
    expect(writes).toHaveLength(0); // clean: nothing to keep
    setB(7);
    await interval();
    expect(writes).toHaveLength(1);
    const saved = await recovery.read();
    expect(saved).toMatchObject({ name: 'seed.graph', savedAt: 7_000 });
    expect(saved!.text).toContain('"value": 7');
    await interval();
    expect(writes).toHaveLength(1); // nothing new since
    setB(8);
    await interval();
    expect(writes).toHaveLength(2);
  });

  it('clears the autosave when the document is saved, and when it is discarded for another', async () => {
    const { store, recovery, interval, setB } = setup();
    setB(7);
    await interval();
    store.markSaved({ name: 'seed.graph', ref: null });
    await interval();
    expect(await recovery.read()).toBeNull();

    setB(9);
    await interval();
    expect(await recovery.read()).not.toBeNull();
    store.load(seedDocument(), { name: 'other.graph', ref: null }); // "Don't Save", then open
    await interval();
    expect(await recovery.read()).toBeNull();
  });

  it('flushes at once (before the page goes away), and stops when disposed', async () => {
    const { recovery, autosave, tick, setB, writes } = setup();
    setB(5);
    await autosave.flush();
    expect((await recovery.read())!.text).toContain('"value": 5');
    autosave.dispose();
    setB(6);
    tick();
    await Promise.resolve();
    expect(writes).toHaveLength(1);
  });
});
