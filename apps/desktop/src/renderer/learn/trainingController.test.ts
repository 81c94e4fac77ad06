import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { findExample } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../document/DocumentStore';
import { setValue } from '../document/editorDocument';
import { readGraphText } from '../document/documentText';
import { createTrainingController } from './trainingController';
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

const setup = (name: 'least-squares-by-hand', settings: Partial<TrainingSettings> = {}) => {
  const store = createDocumentStore(exampleDoc(name));
  const frames = manualFrames();
  let clock = 0;
  const controller = createTrainingController({
    store,
    registry: standardRegistry,
    createRuntime,
    frames,
    // Each "millisecond" passes per clock read, so a frame takes a bounded number of steps.
    now: () => (clock += 0.05),
    settings,
  });
  const value = (id: string): number => {
    const node = store.getState().doc.graph.nodes.find((n) => n.id === id)!;
    return node.params!['value'] as number;
  };
  const runToEnd = (): void => {
    while (frames.flush() > 0) {
      /* keep going until the run stops scheduling frames */
    }
  };
  return { store, frames, controller, value, runToEnd };
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
    controller.run();
    expect(controller.getState().phase).toBe('running');
    frames.flush();
    const afterOneFrame = controller.getState().steps;
    expect(afterOneFrame).toBeGreaterThan(0);
    expect(afterOneFrame).toBeLessThan(2000);
    runToEnd();
    const state = controller.getState();
    expect(state.phase).toBe('paused');
    expect(state.steps).toBe(2000);
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
    controller.run();
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
    controller.run();
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
    controller.run();
    frames.flush();
    controller.pause();
    expect(controller.getState().phase).toBe('paused');
    const paused = controller.getState().steps;
    frames.flush();
    expect(frames.flush()).toBe(0);
    expect(controller.getState().steps).toBe(paused);
    controller.run();
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
});
