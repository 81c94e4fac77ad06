import type { NodeId } from '@chainrule/graph-runtime';
import { useSyncExternalStore } from 'react';
import { createListeners } from '../listeners';

// Constants the person asked a slider for (the node's menu): view state, not the document's.
let asked: ReadonlySet<NodeId> = new Set();
const listeners = createListeners();

/** Shows or hides the slider of a constant. */
export const setConstSlider = (id: NodeId, on: boolean): void => {
  const next = new Set(asked);
  if (on) next.add(id);
  else next.delete(id);
  asked = next;
  listeners.notify();
};

/** Whether a constant's slider was asked for. */
export const useConstSlider = (id: NodeId): boolean =>
  useSyncExternalStore(listeners.subscribe, () => asked.has(id));

/** Whether a constant's slider was asked for, outside React. */
export const constSliderShown = (id: NodeId): boolean => asked.has(id);
