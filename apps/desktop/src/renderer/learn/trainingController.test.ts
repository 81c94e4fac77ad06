import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { findExample } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../document/DocumentStore';
import { setValue } from '../document/editorDocument';
import { readGraphText } from '../document/documentText';
import { followGraph } from '../session/followGraph';
import { COMMIT_MS, createTrainingController } from './trainingController';
import type { TrainingSettings } from './trainingController';

const linearRegression = findExample('least-squares-by-hand.graph')!.text;

const exampleDoc = (name: 'least-squares-by-hand') => {
  const text = { 'least-squares-by-hand': linearRegression }[name];
  const read = readGraphText(text, standardRegistry);
  if (!read.ok) throw new Error(read.message);
  return read.doc;
};

/** Frames run when the test says so, so a run can be observed mid-way. */
const manualFrames = () => {
  let queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queue.push(callback),
    flush(): number {
      const due = queue;
      queue = [];
      for (const run of due) run();
      return due.length;
    },
  };
};

/**
 * A controller on linear regression. By default each clock read passes 0.05 "milliseconds", so
 * a frame takes a bounded number of steps; `now` gives a clock the test moves by hand instead.
 */
const setup = (
  name: 'least-squares-by-hand',
  settings: Partial<TrainingSettings> = {},
  now?: () => number,
) => {
  const store = createDocumentStore(exampleDoc(name));
  const frames = manualFrames();
  let clock = 0;
  const controller = createTrainingController({
    store,
    registry: standardRegistry,
    createRuntime,
    frames,
    now: now ?? (() => (clock += 0.05)),
    settings,
  });
  const value = (id: string): number => {
    const node = store.getState().doc.graph.nodes.find((n) => n.id === id)!;
    return node.params!['value'] as number;
  };
  /** Runs frames until the run stops scheduling them. */
  const flushAll = (): void => {
    while (frames.flush() > 0) {
      /* keep going until the run stops scheduling frames */
    }
  };
  /** "Run to end": the run as fast as the frames allow, to the end. */
  const runToEnd = (): void => {
    controller.runToEnd();
    flushAll();
  };
  return { store, frames, controller, value, runToEnd, flushAll };
};

/** The least-squares line through the example's points, in closed form. */
const leastSquares = (points: readonly (readonly [number, number])[]) => {
  const n = points.length;
  const sx = points.reduce((s, [x]) => s + x, 0);
  const sy = points.reduce((s, [, y]) => s + y, 0);
  const sxx = points.reduce((s, [x]) => s + x * x, 0);
  const sxy = points.reduce((s, [x, y]) => s + x * y, 0);
  const w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { w, b: (sy - w * sx) / n };
};

describe('createTrainingController', () => {
  it('runs SGD on linear regression to the least-squares line, over several frames', () => {
    const { controller, frames, value, runToEnd } = setup('least-squares-by-hand', {
      optimizer: 'sgd',
      learningRate: 0.02,
      steps: 2000,
    });
    controller.runToEnd();
    expect(controller.getState().phase).toBe('running');
    frames.flush();
    const afterOneFrame = controller.getState().steps;
    expect(afterOneFrame).toBeGreaterThan(0);
    expect(afterOneFrame).toBeLessThan(2000);
    runToEnd();
    const state = controller.getState();
    expect(state.phase).toBe('paused');
    expect(state.steps).toBe(2000);
    expect(state.remaining).toBe(0);
    const { w, b } = leastSquares([
      [0, 1.1],
      [1, 2.9],
      [2, 5.2],
      [3, 6.9],
    ]);
    expect(Math.abs(value('w') - w)).toBeLessThan(1e-3);
    expect(Math.abs(value('b') - b)).toBeLessThan(1e-3);
    expect(state.traces.loss).toHaveLength(2001);
    expect(state.traces.loss[2000]!).toBeLessThan(state.traces.loss[0]!);
    expect(state.traces.parameters.map((p) => p.id)).toEqual(['w', 'b']);
  });

  it('makes a whole run one undo step that restores the values from before it', () => {
    const { store, controller, value, runToEnd } = setup('least-squares-by-hand', { steps: 300 });
    runToEnd();
    expect(value('w')).not.toBe(0);
    expect(store.getState().undoLabel).toBe('Train');
    store.undo();
    expect(value('w')).toBe(0);
    expect(value('b')).toBe(0);
    expect(store.getState().canUndo).toBe(false);
    // The undo changed the graph under the trainer, so training starts afresh.
    expect(controller.getState()).toMatchObject({ phase: 'idle', steps: 0, canReset: false });
  });

  it('steps one at a time, and Reset restores the values from before training', () => {
    const { store, controller, value } = setup('least-squares-by-hand', { learningRate: 0.01 });
    controller.step();
    controller.step();
    expect(controller.getState().steps).toBe(2);
    expect(value('w')).not.toBe(0);
    controller.reset();
    expect(value('w')).toBe(0);
    expect(value('b')).toBe(0);
    expect(store.getState().undoLabel).toBe('Reset training');
    expect(controller.getState()).toMatchObject({ phase: 'idle', steps: 0, canReset: false });
  });

  it('stops on divergence with a message and keeps the last good values', () => {
    const { controller, value, runToEnd } = setup('least-squares-by-hand', {
      learningRate: 1,
      steps: 500,
    });
    runToEnd();
    const state = controller.getState();
    expect(state.phase).toBe('diverged');
    expect(state.message).toMatch(/diverged/i);
    expect(Number.isFinite(value('w'))).toBe(true);
    const lastLoss = state.traces.loss[state.traces.loss.length - 1]!;
    expect(Number.isFinite(lastLoss)).toBe(true);
    // Diverged training refuses more steps until Reset.
    controller.step();
    expect(controller.getState().steps).toBe(state.steps);
    controller.reset();
    expect(value('w')).toBe(0);
  });

  it('pauses a run, and an edit by the person mid-run stops it and starts afresh', () => {
    const { store, controller, frames, value } = setup('least-squares-by-hand', { steps: 5000 });
    controller.runToEnd();
    frames.flush();
    controller.pause();
    expect(controller.getState().phase).toBe('paused');
    const paused = controller.getState().steps;
    frames.flush();
    expect(frames.flush()).toBe(0);
    expect(controller.getState().steps).toBe(paused);
    controller.runToEnd();
    frames.flush();
    store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 7));
    expect(controller.getState().phase).toBe('idle');
    frames.flush();
    expect(frames.flush()).toBe(0);
    expect(value('b')).toBe(7);
  });

  it('explains why it cannot train a graph without an output', () => {
    const { store, controller } = setup('least-squares-by-hand');
    store.edit('Clear output', (doc) => ({ ...doc, graph: { ...doc.graph, output: null } }));
    controller.step();
    expect(controller.getState()).toMatchObject({ phase: 'blocked' });
    expect(controller.getState().message).toMatch(/output J/);
  });

  describe('a watched run', () => {
    /** A controller on a clock the test moves by hand. */
    const watched = (settings: Partial<TrainingSettings>) => {
      let clock = 0;
      const { store, controller, frames } = setup('least-squares-by-hand', settings, () => clock);
      const after = (ms: number): number => {
        clock += ms;
        frames.flush();
        return controller.getState().steps;
      };
      return { store, controller, frames, after };
    };

    it('steps at the chosen pace, so the loss falls while a person watches', () => {
      const { controller, after } = watched({ steps: 100, speed: 30 });
      controller.run();
      expect(after(0)).toBe(0);
      expect(after(500)).toBe(15);
      expect(after(500)).toBe(30);
      const loss = controller.getState().traces.loss;
      expect(loss).toHaveLength(31);
      expect(loss[30]!).toBeLessThan(loss[0]!);
      expect(controller.getState()).toMatchObject({ phase: 'running', remaining: 70 });
      controller.setSettings({ speed: 10 });
      expect(after(1000)).toBe(40);
      // Never beyond the run's length, however long a frame takes.
      expect(after(60_000)).toBe(100);
      expect(controller.getState()).toMatchObject({ phase: 'paused', remaining: 0 });
    });

    it('pauses and resumes where it was, steps while paused, and Stop ends the run', () => {
      const { controller, frames, after } = watched({ steps: 100, speed: 30 });
      controller.run();
      expect(after(1000)).toBe(30);
      controller.pause();
      expect(after(1000)).toBe(30);
      expect(frames.flush()).toBe(0);
      controller.step();
      expect(controller.getState()).toMatchObject({ steps: 31, remaining: 69 });
      controller.run();
      expect(after(1000)).toBe(61);
      controller.stop();
      expect(controller.getState()).toMatchObject({ phase: 'paused', steps: 61, remaining: 0 });
      expect(after(1000)).toBe(61);
      // The next Run is a whole new run.
      controller.run();
      expect(controller.getState().remaining).toBe(100);
    });

    it('"Run to end" finishes a watched run at once', () => {
      const { controller, frames, after } = watched({ steps: 200, speed: 30 });
      controller.run();
      expect(after(100)).toBe(3);
      controller.runToEnd();
      while (frames.flush() > 0) {
        /* the rest, as fast as the frames allow */
      }
      expect(controller.getState()).toMatchObject({ phase: 'paused', steps: 200, remaining: 0 });
    });
  });

  describe('with a live runtime (the canvas’s)', () => {
    /** A runtime that follows the store like the session's, and a controller that shows on it. */
    const live = (settings: Partial<TrainingSettings>) => {
      let clock = 0;
      const store = createDocumentStore(exampleDoc('least-squares-by-hand'));
      let followed = store.getState().doc.graph;
      const runtime = createRuntime({ registry: standardRegistry, graph: followed });
      store.subscribe(() => {
        const next = store.getState().doc.graph;
        followGraph(runtime, followed, next);
        followed = next;
      });
      const frames = manualFrames();
      const controller = createTrainingController({
        store,
        registry: standardRegistry,
        createRuntime,
        frames,
        now: () => clock,
        settings,
        liveRuntime: () => runtime,
      });
      const after = (ms: number): void => {
        clock += ms;
        frames.flush();
      };
      const docValue = (id: string): number =>
        store.getState().doc.graph.nodes.find((n) => n.id === id)!.params!['value'] as number;
      const shown = (id: string): number => {
        const value = runtime.node(nodeId(id)).value();
        return value.kind === 'ok' ? value.value : NaN;
      };
      return { store, controller, after, docValue, shown };
    };

    it('shows every frame on the runtime, writes the document every COMMIT_MS and when paused', () => {
      const { store, controller, after, docValue, shown } = live({ steps: 1000, speed: 30 });
      controller.run();
      after(100);
      // The run's first values go to the document at once (Undo has a step to take back).
      expect(controller.getState().steps).toBe(3);
      expect(controller.liveValues()).toBeNull();
      expect(shown('w')).toBe(docValue('w'));
      after(100);
      // Then the runtime shows each frame's values before the document has them.
      expect(controller.getState().steps).toBe(6);
      const pending = controller.liveValues()!;
      expect(pending.get(nodeId('w'))).toBe(shown('w'));
      expect(shown('w')).not.toBe(docValue('w'));
      after(COMMIT_MS);
      expect(controller.liveValues()).toBeNull();
      expect(shown('w')).toBe(docValue('w'));
      after(100);
      expect(controller.liveValues()).not.toBeNull();
      controller.pause();
      // Paused: the document has exactly what was trained, and so does the runtime.
      expect(controller.liveValues()).toBeNull();
      expect(docValue('w')).toBe(shown('w'));
      expect(docValue('b')).toBe(shown('b'));
      // The whole run is one undo step.
      store.undo();
      expect(docValue('w')).toBe(0);
      expect(shown('w')).toBe(0);
      expect(shown('b')).toBe(0);
    });

    it('a person’s edit mid-run stops it, and the runtime shows the document’s values again', () => {
      const { store, controller, after, docValue, shown } = live({ steps: 1000, speed: 30 });
      controller.run();
      after(100);
      after(100);
      expect(controller.liveValues()).not.toBeNull();
      store.edit('Set b', (doc) => setValue(doc, nodeId('b'), 7));
      expect(controller.getState().phase).toBe('idle');
      expect(controller.liveValues()).toBeNull();
      expect(shown('b')).toBe(7);
      expect(shown('w')).toBe(docValue('w'));
      const j = runtimeJ(store.getState().doc.graph);
      expect(shown('J')).toBeCloseTo(j, 12);
    });
  });
});

/** J of a graph, evaluated afresh by the engine. */
const runtimeJ = (graph: Parameters<typeof createRuntime>[0]['graph']): number => {
  const runtime = createRuntime({ registry: standardRegistry, graph });
  const value = runtime.node(nodeId('J')).value();
  runtime.dispose();
  return value.kind === 'ok' ? value.value : NaN;
};
