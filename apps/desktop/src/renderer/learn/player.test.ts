import { createRuntime } from '@chainrule/graph-runtime';
import { createBackpropScript } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { firstStepAbout, initialPlayer, playerMarks, playerReducer } from './player';

const seedScript = () => {
  const runtime = createRuntime({ registry: standardRegistry, graph: seedDocument().graph });
  try {
    return createBackpropScript(runtime);
  } finally {
    runtime.dispose();
  }
};

describe('playerReducer', () => {
  it('steps forward and back within the script, pausing as it steps', () => {
    let state = { ...initialPlayer, playing: true };
    state = playerReducer(state, { type: 'forward' }, 3);
    expect(state).toMatchObject({ index: 0, playing: false });
    state = playerReducer(state, { type: 'forward' }, 3);
    state = playerReducer(state, { type: 'forward' }, 3);
    state = playerReducer(state, { type: 'forward' }, 3);
    expect(state.index).toBe(2);
    state = playerReducer(state, { type: 'back' }, 3);
    expect(state.index).toBe(1);
    state = playerReducer(state, { type: 'seek', index: -5 }, 3);
    expect(state.index).toBe(-1);
  });

  it('plays tick by tick and stops on the last step; play at the end starts over', () => {
    let state = playerReducer(initialPlayer, { type: 'play' }, 2);
    expect(state).toMatchObject({ index: -1, playing: true });
    state = playerReducer(state, { type: 'tick' }, 2);
    expect(state).toMatchObject({ index: 0, playing: true });
    state = playerReducer(state, { type: 'tick' }, 2);
    expect(state).toMatchObject({ index: 1, playing: false });
    expect(playerReducer(state, { type: 'tick' }, 2)).toBe(state);
    expect(playerReducer(state, { type: 'play' }, 2)).toMatchObject({ index: -1, playing: true });
    expect(playerReducer(initialPlayer, { type: 'play' }, 0)).toBe(initialPlayer);
  });
});

describe('playerMarks on the seed', () => {
  const script = seedScript();

  it('walks the forward pass left to right: done, current, pending', () => {
    const u = firstStepAbout(script, 'u' as never, 'forward');
    const marks = playerMarks(script, u);
    expect(marks.phase).toBe('forward');
    expect(marks.step?.kind === 'forward' && marks.step.text).toBe('u = b·c = 3·2 = 6');
    expect(marks.nodes.get('u' as never)).toBe('current');
    expect(marks.nodes.get('b' as never)).toBe('done');
    expect(marks.nodes.get('J' as never)).toBe('pending');
  });

  it("lights b's edge in the backward pass with 3 · 2 = 6, after the edges already walked", () => {
    const index = firstStepAbout(script, 'b' as never, 'backward');
    const marks = playerMarks(script, index);
    expect(marks.phase).toBe('backward');
    expect(marks.step?.kind).toBe('edge');
    expect(marks.step?.text).toBe('dJ/du · ∂u/∂b = 3 · 2 = 6');
    expect(marks.edges.get('e1' as never)).toBe('current');
    // The edges from J back to u were walked before b's.
    expect(marks.edges.get('e6' as never)).toBe('done');
    expect(marks.edges.get('e4' as never)).toBe('done');
    expect(marks.edges.has('e2' as never)).toBe(false);
  });

  it('shows nothing before the first step or past the end', () => {
    expect(playerMarks(script, -1).step).toBeNull();
    expect(playerMarks(script, script.steps.length).step).toBeNull();
  });
});
