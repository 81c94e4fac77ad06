import type { RuntimeStats } from '@chainrule/graph-runtime';

/**
 * Counters the e2e suite reads to prove rendering is incremental: how often each node and edge
 * component committed a render, and how many runtimes the editor created. Only collected when
 * the page is opened with `?instrument` (or in the dev server), so people pay nothing for it.
 */
export interface Instrumentation {
  readonly enabled: boolean;
  countRender(kind: 'node' | 'edge', id: string): void;
}

interface ExposedCounters {
  renders: Record<string, number>;
  runtimeCreations: () => number;
  runtimeStats: () => RuntimeStats;
  resetRenders: () => void;
}

declare global {
  interface Window {
    __chainrule?: ExposedCounters;
  }
}

/**
 * Creates the instrumentation and, when enabled, exposes the counters on `window.__chainrule`.
 */
export const createInstrumentation = (
  enabled: boolean,
  sources: { runtimeCreations: () => number; runtimeStats: () => RuntimeStats },
): Instrumentation => {
  if (!enabled) return { enabled, countRender: () => undefined };
  const counters: ExposedCounters = {
    renders: {},
    ...sources,
    resetRenders: () => {
      counters.renders = {};
    },
  };
  window.__chainrule = counters;
  return {
    enabled,
    countRender(kind, id) {
      const key = `${kind}:${id}`;
      counters.renders[key] = (counters.renders[key] ?? 0) + 1;
    },
  };
};

/** Whether this page load asked for instrumentation. */
export const instrumentationRequested = (): boolean =>
  import.meta.env.DEV || new URLSearchParams(window.location.search).has('instrument');
