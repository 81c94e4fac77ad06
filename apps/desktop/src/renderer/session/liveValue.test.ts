import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import {
  createFrameScheduler,
  createLiveValue,
  sameNodeGradient,
  sameNodeValue,
} from './liveValue';

const manualFrames = () => {
  const waiting: (() => void)[] = [];
  const frames = createFrameScheduler((run) => waiting.push(run));
  return {
    frames,
    pending: () => waiting.length,
    tick: () => waiting.splice(0).forEach((run) => run()),
  };
};

describe('live values coalesced to animation frames', () => {
  it('publishes many emissions within a frame as one update with the last value', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: seedDocument().graph });
    const { frames, tick, pending } = manualFrames();
    const J = runtime.node(nodeId('J'));
    const live = createLiveValue(J.value$, J.value(), sameNodeValue, frames);
    let updates = 0;
    live.subscribe(() => updates++);
    tick(); // the emission on subscribe equals what is shown: no update
    expect(updates).toBe(0);
    for (let b = 4; b <= 10; b++) runtime.setValue(nodeId('b'), b); // one slider drag, one frame
    expect(pending()).toBe(1);
    expect(updates).toBe(0);
    tick();
    expect(updates).toBe(1);
    expect(live.get()).toEqual({ kind: 'ok', value: 3 * (5 + 10 * 2) });
  });

  it('does not update nodes whose value did not change', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: seedDocument().graph });
    const { frames, tick } = manualFrames();
    const updates = new Map<string, number>();
    for (const node of seedDocument().graph.nodes) {
      for (const [kind, handle] of [
        [
          'value',
          createLiveValue(
            runtime.node(node.id).value$,
            runtime.node(node.id).value(),
            sameNodeValue,
            frames,
          ),
        ],
        [
          'grad',
          createLiveValue(
            runtime.node(node.id).grad$,
            runtime.node(node.id).grad(),
            sameNodeGradient,
            frames,
          ),
        ],
      ] as const) {
        handle.subscribe(() =>
          updates.set(`${kind}:${node.id}`, (updates.get(`${kind}:${node.id}`) ?? 0) + 1),
        );
      }
    }
    tick();
    expect(updates.size).toBe(0);
    runtime.setValue(nodeId('a'), 6);
    tick();
    // J = three·v with v = a + bc: a changes a, v and J, and only dJ/dthree = v among gradients.
    expect(Object.fromEntries(updates)).toEqual({
      'value:a': 1,
      'value:v': 1,
      'value:J': 1,
      'grad:three': 1,
    });
    updates.clear();
    runtime.setValue(nodeId('b'), 4);
    tick();
    // b changes u, v, J, dJ/dc = 3b and dJ/dthree = v
    expect(Object.fromEntries(updates)).toEqual({
      'grad:three': 1,
      'value:b': 1,
      'value:u': 1,
      'value:v': 1,
      'value:J': 1,
      'grad:c': 1,
    });
  });

  it('stops listening when unsubscribed', () => {
    const runtime = createRuntime({ registry: standardRegistry, graph: seedDocument().graph });
    const { frames, tick } = manualFrames();
    const J = runtime.node(nodeId('J'));
    const live = createLiveValue(J.value$, J.value(), sameNodeValue, frames);
    const before = runtime.stats().subscriptions;
    const unsubscribe = live.subscribe(() => undefined);
    expect(runtime.stats().subscriptions).toBe(before + 1);
    unsubscribe();
    expect(runtime.stats().subscriptions).toBe(before);
    runtime.setValue(nodeId('a'), 1);
    tick();
    expect(live.get()).toEqual({ kind: 'ok', value: 33 });
  });
});
