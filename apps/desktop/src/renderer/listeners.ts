/** The subscribe half of a small store, read with React's `useSyncExternalStore`. */
export interface Listeners {
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Tells every listener (a copy of the set, so one may unsubscribe while being told). */
  notify(): void;
}

/**
 * The listener set behind the renderer's stores (document, view, learning mode): one home for
 * subscribe and notify.
 * @example const listeners = createListeners(); const stop = listeners.subscribe(render);
 */
export const createListeners = (): Listeners => {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify() {
      for (const listener of [...listeners]) listener();
    },
  };
};
