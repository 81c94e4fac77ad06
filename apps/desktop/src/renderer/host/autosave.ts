import type { EditorState } from '../document/DocumentStore';
import type { RecoveryStore } from './recovery';

/** How often the open document is autosaved while it has unsaved changes. */
export const AUTOSAVE_INTERVAL_MS = 3_000;

/** Options for {@link startAutosave}. */
export interface AutosaveOptions {
  readonly store: {
    getState(): EditorState;
    subscribe(listener: () => void): () => void;
  };
  readonly recovery: RecoveryStore;
  /** The document as `.graph` text. */
  readonly serialize: (state: EditorState) => string;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly timers?: {
    setInterval(run: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
  /** Told when an autosave could not be written (the work is still in the window). */
  readonly onError?: (error: unknown) => void;
}

/** A running autosave. */
export interface Autosave {
  /** Autosaves now if there is anything new (before the page goes away); resolves when written. */
  flush(): Promise<void>;
  dispose(): void;
}

/**
 * Autosaves the open document to `recovery` every few seconds while it has unsaved changes
 * (only when it changed since the last autosave), and clears the autosave as soon as the document
 * is clean again: saved, or discarded for another one. Writes and clears run one at a time in
 * order, so a clear is never overtaken by an older write.
 * @example const autosave = startAutosave({ store, recovery, serialize });
 */
export const startAutosave = (options: AutosaveOptions): Autosave => {
  const { store, recovery } = options;
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? {
    setInterval: (run: () => void, ms: number) => globalThis.setInterval(run, ms),
    clearInterval: (handle: unknown) =>
      globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work).catch((error: unknown) => options.onError?.(error));
    return queue;
  };
  let written: EditorState['doc'] | null = null;
  let wasDirty = store.getState().dirty;

  const unsubscribe = store.subscribe(() => {
    const { dirty } = store.getState();
    if (wasDirty && !dirty) {
      written = null;
      void enqueue(() => recovery.clear());
    }
    wasDirty = dirty;
  });

  const autosave = (): Promise<void> => {
    const state = store.getState();
    if (!state.dirty || state.doc === written) return queue;
    written = state.doc;
    const snapshot = { name: state.file.name, text: options.serialize(state), savedAt: now() };
    return enqueue(() => recovery.write(snapshot));
  };
  const timer = timers.setInterval(
    () => void autosave(),
    options.intervalMs ?? AUTOSAVE_INTERVAL_MS,
  );

  return {
    flush: autosave,
    dispose() {
      timers.clearInterval(timer);
      unsubscribe();
    },
  };
};
