import type { ReactFlowState } from '@xyflow/react';

/** The part of React Flow's store that says where the view is. */
type ViewStore = {
  getState(): Pick<ReactFlowState, 'transform' | 'width' | 'height'>;
  subscribe(listener: (state: ReactFlowState) => void): () => void;
};

/**
 * Calls `changed` when the view moves or resizes (React Flow's transform, width or height), not on
 * the store's other updates (node internals, selection, edges), which come far more often.
 * Returns the unsubscribe.
 */
export const subscribeView = (store: ViewStore, changed: () => void): (() => void) => {
  let seen = store.getState();
  return store.subscribe((state) => {
    if (
      state.transform === seen.transform &&
      state.width === seen.width &&
      state.height === seen.height
    )
      return;
    seen = state;
    changed();
  });
};
