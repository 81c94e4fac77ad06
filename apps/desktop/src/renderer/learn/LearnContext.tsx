import './learn.css';
import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { createRuntime } from '@chainrule/graph-runtime';
import { examples } from '@chainrule/learn';
import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import type { LearnState, LearnStore } from './learnStore';
import { createLearnStore } from './learnStore';
import type { PlayerMark } from './player';
import type { TrainingController } from './trainingController';
import { createTrainingController } from './trainingController';

/** Learning mode's services for one window. */
export interface LearnServices {
  readonly learn: LearnStore;
  readonly training: TrainingController;
}

const LearnContext = createContext<LearnServices | null>(null);

/** Learning mode's services, or `null` outside a {@link LearnProvider} (the canvas works without). */
export const useLearnServices = (): LearnServices | null => useContext(LearnContext);

/** Learning mode's services; throws outside a {@link LearnProvider}. */
export const useLearn = (): LearnServices => {
  const services = useContext(LearnContext);
  if (!services) throw new Error('useLearn must be used inside <LearnProvider>');
  return services;
};

const noopSubscribe = () => () => undefined;

/** One slice of the learn state; re-renders only when it changes (by `Object.is`). */
export const useLearnSelector = <T,>(select: (state: LearnState) => T, fallback: T): T => {
  const services = useContext(LearnContext);
  return useSyncExternalStore(services?.learn.subscribe ?? noopSubscribe, () =>
    services ? select(services.learn.getState()) : fallback,
  );
};

/** How the player (or the gradient check) marks one node; `null` when it does not. */
export const useNodeMark = (id: NodeId): PlayerMark | null =>
  useLearnSelector((state) => state.marks.nodes.get(id) ?? null, null);

/** How the player marks one edge; `null` when it does not. */
export const useEdgeMark = (id: EdgeId): PlayerMark | null =>
  useLearnSelector((state) => state.marks.edges.get(id) ?? null, null);

/** The gradient check's verdict on one node, if a check ran since the graph last changed. */
export const useNodeCheck = (id: NodeId): 'ok' | 'bad' | null =>
  useLearnSelector((state) => state.checks.get(id) ?? null, null);

/**
 * Shows an example's one sentence on what to try when it opens, however it was opened
 * (the Help menu, the top bar, the empty-canvas hint): the actions open examples by file name.
 */
const useGalleryTips = (learn: LearnStore): void => {
  const { view } = useEditor();
  const session = useEditorSelector((state) => state.session);
  const file = useEditorSelector((state) => state.file);
  useEffect(() => {
    // Every example has its sentence, whether the gallery lists it or only the menus do.
    const example = file.ref === null ? examples.find((e) => e.id === file.name) : undefined;
    learn.update({ tip: example ? { title: example.title, text: example.tryThis } : null });
    // The open dock shows the tip in its header; otherwise a notice over the canvas does.
    if (example && !learn.getState().open) {
      view.notify({ tone: 'info', message: `${example.title}: ${example.tryThis}` });
    }
    // Once per opened document, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
};

/** Clears the gradient-check marks as soon as the graph they were computed for changes. */
const useStaleChecks = (learn: LearnStore): void => {
  const graph = useEditorSelector((state) => state.doc.graph);
  useEffect(() => {
    if (learn.getState().checks.size > 0 || learn.getState().checkReport !== null) {
      learn.update({ checks: new Map(), checkReport: null });
    }
  }, [graph, learn]);
};

const Effects = ({ services }: { services: LearnServices }) => {
  useGalleryTips(services.learn);
  useStaleChecks(services.learn);
  return null;
};

/** Provides learning mode (panel state, player marks, the trainer) to everything inside. */
export const LearnProvider = ({ children }: { children: ReactNode }) => {
  const { session, frames } = useEditor();
  const [services] = useState<LearnServices>(() => ({
    learn: createLearnStore(),
    training: createTrainingController({
      store: session.store,
      registry: session.registry,
      createRuntime,
      frames,
      flat: () => ({ graph: session.flat().graph, registry: session.engineRegistry }),
      liveRuntime: () => session.getRuntime(),
    }),
  }));
  // The services live as long as the window; nothing to dispose on unmount, and disposing in
  // an effect cleanup would kill them under StrictMode's double mount.
  return (
    <LearnContext.Provider value={services}>
      <Effects services={services} />
      {children}
    </LearnContext.Provider>
  );
};
