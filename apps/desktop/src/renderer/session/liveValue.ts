import type { EdgeGradient, NodeGradient, NodeValue } from '@chainrule/graph-runtime';
import type { Observable } from 'rxjs';

/** Schedules one callback per animation frame, however many parts of the UI asked for it. */
export interface FrameScheduler {
  schedule(callback: () => void): void;
}

/**
 * A {@link FrameScheduler} over `requestFrame` (the browser's `requestAnimationFrame` by
 * default): callbacks queued during one frame all run in the next, together, so React renders
 * their updates in one pass.
 */
export const createFrameScheduler = (
  requestFrame: (run: () => void) => void = (run) => requestAnimationFrame(() => run()),
): FrameScheduler => {
  let queue: (() => void)[] = [];
  return {
    schedule(callback) {
      queue.push(callback);
      if (queue.length > 1) return;
      requestFrame(() => {
        const due = queue;
        queue = [];
        for (const run of due) run();
      });
    },
  };
};

/**
 * The latest value of a stream, published at most once per animation frame and only when it
 * differs from what was published, in the shape `useSyncExternalStore` wants.
 */
export interface LiveValue<T> {
  get(): T;
  subscribe(onChange: () => void): () => void;
}

/**
 * Wraps a runtime stream as a {@link LiveValue}: many emissions within one frame (a slider drag,
 * several edits) become one update, and an emission equal to what is shown is no update at all.
 */
export const createLiveValue = <T>(
  source: Observable<T>,
  initial: T,
  same: (a: T, b: T) => boolean,
  frames: FrameScheduler,
): LiveValue<T> => {
  let current = initial;
  let pending = initial;
  let scheduled = false;
  return {
    get: () => current,
    subscribe(onChange) {
      const subscription = source.subscribe((value) => {
        pending = value;
        if (scheduled) return;
        scheduled = true;
        frames.schedule(() => {
          scheduled = false;
          if (same(current, pending)) return;
          current = pending;
          onChange();
        });
      });
      return () => subscription.unsubscribe();
    },
  };
};

/** Whether two node values would look the same on screen. */
export const sameNodeValue = (a: NodeValue, b: NodeValue): boolean => {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'ok' && b.kind === 'ok') return Object.is(a.value, b.value);
  return (a as { message?: string }).message === (b as { message?: string }).message;
};

/** Whether two gradients would look the same on screen. */
export const sameNodeGradient = (a: NodeGradient, b: NodeGradient): boolean => {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'ok' && b.kind === 'ok') return Object.is(a.value, b.value);
  if (a.kind === 'unavailable' && b.kind === 'unavailable') return a.message === b.message;
  return true;
};

/** Whether two edge gradients would look the same on screen. */
export const sameEdgeGradient = (a: EdgeGradient, b: EdgeGradient): boolean => {
  if (a.kind !== b.kind || !Object.is(a.local, b.local)) return false;
  if (a.kind === 'ok' && b.kind === 'ok') {
    return Object.is(a.upstream, b.upstream) && Object.is(a.contribution, b.contribution);
  }
  if (a.kind === 'unavailable' && b.kind === 'unavailable') return a.message === b.message;
  return true;
};
