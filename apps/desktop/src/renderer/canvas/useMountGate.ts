import { useStoreApi } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { GateNode } from './mountGate';
import { createMountBudget, createMountGate, isOverview, nodesInView } from './mountGate';
import { LOW_DETAIL_BELOW } from './lowDetailScene';
import { subscribeView } from './viewChanges';

/** What the canvas's frame loop tells the low-detail layer after each frame's mount step. */
export interface GateFrame {
  /** The nodes in the DOM now. */
  readonly mounted: ReadonlySet<string>;
  /** Whether every node in view is in the DOM (then the layer has nothing to draw). */
  readonly settled: boolean;
  /**
   * Whether the layer draws the whole view: zoomed out below `LOW_DETAIL_BELOW`, or too many
   * nodes in view for the DOM (mountGate.ts's overview).
   */
  readonly overview: boolean;
  /**
   * Whether the layer's picture may be out of date: the view moved, or nodes left the DOM. Nodes
   * that only entered the DOM cover their own drawn boxes exactly, so that frame need not
   * redraw the layer (it is redrawn once every node in view is in the DOM).
   */
  readonly redraw: boolean;
}

/** The gate's frames, for the low-detail layer (stable for the canvas's lifetime). */
export interface GateFrames {
  /** Called once per frame in which the view moved or the mounted set changed. */
  subscribe(listener: (frame: GateFrame) => void): () => void;
  /** The latest frame's state. */
  current(): GateFrame;
}

/** The mount gate as the canvas uses it: the mounted set, its frames, and the overview. */
export interface MountGateView {
  readonly mounted: ReadonlySet<string>;
  readonly frames: GateFrames;
  /** {@link GateFrame.overview}: nodes are drawn, not in the DOM (clicks select what is drawn). */
  readonly overview: boolean;
}

/**
 * Nodes a document change may mount at once, whatever the budget: a paste or duplicate of this
 * many appears in the frame of the keystroke (about a millisecond each here).
 */
const EDIT_MOUNTS = 30;

/** Runs `done` with the time once the current frame's rendering is over. */
const afterRendering = (done: (now: number) => void): void => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    done(performance.now());
  };
  channel.port2.postMessage(null);
};

/**
 * Keeps the DOM's nodes following the view a budget at a time (mountGate.ts): when the view
 * moves, the nodes it brings in are mounted over the next frames, nearest the middle first, and
 * those it leaves are unmounted; a document change mounts up to 30 at once (before paint), so
 * nodes just added, pasted or duplicated appear in the same frame. Zoomed out below `LOW_DETAIL_BELOW`, or with more
 * nodes in view than the DOM should hold (the overview, mountGate.ts), no node is wanted in the
 * DOM: the low-detail layer draws them all.
 */
export const useMountGate = (nodes: readonly GateNode[]): MountGateView => {
  const flowStore = useStoreApi();
  const gate = useMemo(createMountGate, []);
  const budget = useMemo(() => createMountBudget(), []);
  const [mounted, setMounted] = useState(gate.mounted);
  const [overview, setOverview] = useState(false);
  const dense = useRef(false);
  const latest = useRef(nodes);
  latest.current = nodes;
  const listeners = useMemo(() => new Set<(frame: GateFrame) => void>(), []);
  const state = useRef<GateFrame>({
    mounted: gate.mounted,
    settled: true,
    redraw: true,
    overview: false,
  });
  const frame = useRef(0);

  /** One step toward the nodes in view; `inFrame`: called from an animation frame. */
  const step = useRef((_inFrame: boolean): void => undefined);
  const moved = useRef(true);
  step.current = (inFrame: boolean): void => {
    const { transform, width, height } = flowStore.getState();
    const inView =
      transform[2] < LOW_DETAIL_BELOW || width === 0
        ? null
        : nodesInView(latest.current, transform, width, height);
    // Below the line every node is drawn: coming back above it counts as leaving an overview.
    dense.current = inView === null || isOverview(dense.current, inView.inside);
    const drawn = inView === null || dense.current;
    const wanted = drawn ? [] : inView.ids;
    if (drawn !== state.current.overview) {
      if (inFrame) flushSync(() => setOverview(drawn));
      else setOverview(drawn);
      moved.current = true;
    }
    let settled = gate.settled(wanted);
    let redraw = moved.current || settled;
    moved.current = false;
    if (!settled) {
      const started = performance.now();
      // A person's edit (a paste, a duplicate, an undo) shows its nodes at once; the budget
      // paces what the view brings in while it moves.
      const add = inFrame ? budget.add : Math.max(budget.add, EDIT_MOUNTS);
      const { added, removed } = gate.step(wanted, add, budget.remove);
      if (removed > 0) redraw = true;
      if (added + removed > 0) {
        // In a frame, render now so this frame shows it; before paint (a document change), the
        // layout effect's update is rendered before paint anyway.
        if (inFrame) flushSync(() => setMounted(gate.mounted));
        else setMounted(gate.mounted);
        const full = added === add || removed === budget.remove;
        afterRendering((now) => budget.record(now - started, full));
      }
      settled = gate.settled(wanted);
      if (settled) redraw = true;
      else schedule();
    }
    state.current = { mounted: gate.mounted, settled, redraw, overview: drawn };
    for (const listener of listeners) listener(state.current);
  };
  const schedule = (): void => {
    frame.current ||= requestAnimationFrame(() => {
      frame.current = 0;
      step.current(true);
    });
  };

  // A document change (a node added, moved, removed; another document opened): mount what fits
  // the budget before this paint. A node that left the document is not in view any more, so the
  // same step lets it go.
  useLayoutEffect(() => {
    step.current(false);
  }, [nodes]);

  // The view moved: step in the next frame (and every frame until settled).
  useEffect(() => {
    const unsubscribe = subscribeView(flowStore, () => {
      moved.current = true;
      schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
    // schedule reads refs only.
  }, [flowStore]);

  const frames = useMemo<GateFrames>(
    () => ({
      subscribe: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      current: () => state.current,
    }),
    [listeners],
  );
  return useMemo(() => ({ mounted, frames, overview }), [mounted, frames, overview]);
};
