import { createListeners } from './listeners';

/** A message shown over the canvas: why something was refused, or what went wrong. */
export interface Notice {
  readonly id: number;
  readonly tone: 'refusal' | 'error' | 'info';
  readonly message: string;
  /** One action offered with the message, e.g. "Replace" for an occupied port. */
  readonly action?: { readonly label: string; readonly run: () => void };
}

/** Where the quick-add search is open, in screen and flow coordinates. */
export interface QuickAddRequest {
  readonly screen: { readonly x: number; readonly y: number };
  readonly flow: { readonly x: number; readonly y: number };
}

/** View settings and transient UI state: not part of the document, never undone. */
export interface ViewSettings {
  readonly edgeLabels: boolean;
  readonly minimap: boolean;
  readonly snapToGrid: boolean;
  readonly notice: Notice | null;
  readonly quickAdd: QuickAddRequest | null;
  readonly hoveredEdge: string | null;
  readonly shortcutsOpen: boolean;
}

/** A tiny store for {@link ViewSettings}, read with `useSyncExternalStore`. */
export interface ViewStore {
  getState(): ViewSettings;
  subscribe(listener: () => void): () => void;
  update(change: Partial<ViewSettings>): void;
  /** Shows a notice, replacing any other. */
  notify(notice: Omit<Notice, 'id'>): void;
  dismiss(): void;
}

const PERSISTED = ['edgeLabels', 'minimap', 'snapToGrid'] as const;
const STORAGE_KEY = 'chainrule.view';

const loadPersisted = (): Partial<ViewSettings> => {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const data: unknown = raw ? JSON.parse(raw) : null;
    if (typeof data !== 'object' || data === null) return {};
    const settings: Record<string, boolean> = {};
    for (const key of PERSISTED) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === 'boolean') settings[key] = value;
    }
    return settings;
  } catch {
    return {};
  }
};

/** Creates the view store, restoring the toggles a person chose last time. */
export const createViewStore = (): ViewStore => {
  let state: ViewSettings = {
    edgeLabels: true,
    minimap: true,
    snapToGrid: true,
    notice: null,
    quickAdd: null,
    hoveredEdge: null,
    shortcutsOpen: false,
    ...loadPersisted(),
  };
  let nextNoticeId = 1;
  const listeners = createListeners();
  const set = (change: Partial<ViewSettings>): void => {
    state = { ...state, ...change };
    if (PERSISTED.some((key) => key in change)) {
      try {
        globalThis.localStorage?.setItem(
          STORAGE_KEY,
          JSON.stringify(Object.fromEntries(PERSISTED.map((key) => [key, state[key]]))),
        );
      } catch {
        // Storage can be full or disabled; the toggles still work for this session.
      }
    }
    listeners.notify();
  };
  return {
    getState: () => state,
    subscribe: listeners.subscribe,
    update: set,
    notify: (notice) => set({ notice: { ...notice, id: nextNoticeId++ } }),
    dismiss: () => set({ notice: null }),
  };
};
