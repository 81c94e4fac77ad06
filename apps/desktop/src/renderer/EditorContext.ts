import type { Runtime } from '@chainrule/graph-runtime';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { EditorState } from './document/DocumentStore';
import type { DocumentHost } from './host/DocumentHost';
import type { Instrumentation } from './instrumentation';
import type { EditorActions } from './actions/editorActions';
import type { EditorSession } from './session/editorSession';
import type { FrameScheduler } from './session/liveValue';
import { createLiveValue } from './session/liveValue';
import type { ViewSettings, ViewStore } from './viewStore';

/** Everything a component of the editor may reach. */
export interface EditorServices {
  readonly session: EditorSession;
  readonly host: DocumentHost;
  readonly actions: EditorActions;
  readonly view: ViewStore;
  readonly frames: FrameScheduler;
  readonly instrumentation: Instrumentation;
}

/** React context carrying {@link EditorServices}. */
export const EditorContext = createContext<EditorServices | null>(null);

/** The editor's services; throws outside the editor (a programming error). */
export const useEditor = (): EditorServices => {
  const services = useContext(EditorContext);
  if (!services) throw new Error('useEditor must be used inside <EditorContext.Provider>');
  return services;
};

/** The document store's state, re-rendering on every change. */
export const useEditorState = (): EditorState => {
  const { store } = useEditor().session;
  return useSyncExternalStore(store.subscribe, store.getState);
};

/** One slice of the store's state; re-renders only when the slice changes (by `Object.is`). */
export const useEditorSelector = <T>(select: (state: EditorState) => T): T => {
  const { store } = useEditor().session;
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
};

/** The view toggles (edge labels, minimap, snap). */
export const useViewSettings = (): ViewSettings => {
  const { view } = useEditor();
  return useSyncExternalStore(view.subscribe, view.getState);
};

/** The runtime of the open document (changes only when a document is opened). */
export const useRuntime = (): Runtime => {
  const { session } = useEditor();
  return useSyncExternalStore(session.subscribeRuntime, session.getRuntime);
};

/**
 * The runtime's transaction count, updated at most once per frame: for panels (the inspector)
 * that show many values at once and read them synchronously.
 */
export const useRuntimeVersion = (): number => {
  const runtime = useRuntime();
  const { frames } = useEditor();
  const live = useMemo(
    () => createLiveValue(runtime.transaction$, null as unknown, () => false, frames),
    [runtime, frames],
  );
  useSyncExternalStore(live.subscribe, live.get);
  return runtime.stats().transactions;
};

/** Counts this component's committed renders when instrumentation is on. */
export const useRenderCount = (kind: 'node' | 'edge', id: string): void => {
  const { instrumentation } = useEditor();
  useEffect(() => {
    instrumentation.countRender(kind, id);
  });
};
