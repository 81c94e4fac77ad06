import { ControlButton, useReactFlow } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { useEditor } from '../EditorContext';
import { moveNodes } from '../document/editorDocument';
import type { NodeSize } from './elkLayout';
import { tidyLayout } from './elkLayout';
import { sharedWorkerElk, stopSharedWorkerElk } from './elkWorker';
import { useLearn, useLearnSelector } from './LearnContext';

/**
 * "Tidy up": lays the current graph out left to right (`tidyLayout`: ELK in the shared layout
 * worker, ports respected, for graphs up to a few hundred nodes; graph-runtime's layered layout
 * for bigger ones), using the node sizes React Flow knows, as one undoable edit, then fits the
 * view.
 */
export const useTidyUp = (): (() => Promise<void>) => {
  const { session, actions, view } = useEditor();
  const flow = useReactFlow();
  return async () => {
    const { doc } = session.store.getState();
    if (doc.graph.nodes.length === 0) return;
    const sizes = new Map<string, NodeSize>();
    for (const node of flow.getNodes()) {
      if (node.measured?.width && node.measured.height) {
        sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
      }
    }
    // In a worker, with a notice that says so and offers Cancel: a big graph takes a while.
    // The worker is started only if ELK is used (tidyLayout asks for it).
    const elk = { layout: (graph: ElkNode) => sharedWorkerElk().layout(graph) };
    let cancel: () => void = () => undefined;
    const cancelled = new Promise<null>((resolve) => {
      cancel = () => resolve(null);
    });
    const started = performance.now();
    view.notify({
      tone: 'info',
      message: `Tidying up ${doc.graph.nodes.length} nodes…`,
      action: {
        label: 'Cancel',
        run: () => {
          stopSharedWorkerElk();
          cancel();
          view.dismiss();
        },
      },
    });
    try {
      const positions = await Promise.race([
        tidyLayout(doc.graph, session.registry, { sizes, elk }),
        cancelled,
      ]);
      if (positions === null) return;
      // The graph may have changed while ELK worked; moveNodes ignores nodes that are gone.
      session.store.edit('Tidy up', (current) => moveNodes(current, positions));
      session.store.seal();
      view.notify({
        tone: 'info',
        message: `Tidied up ${positions.size} nodes in ${((performance.now() - started) / 1000).toFixed(1)} s (undoable).`,
      });
      requestAnimationFrame(() => actions.runCommand('fit-view'));
    } catch (error) {
      view.notify({ tone: 'error', message: `Could not lay the graph out: ${String(error)}` });
    }
  };
};

/**
 * "Tidy up" among the canvas's zoom controls (bottom left), where layout commands belong: an
 * icon of three layers joined left to right, named for screen readers and on hover.
 */
export const TidyUpControl = () => {
  const tidyUp = useTidyUp();
  return (
    <ControlButton
      onClick={() => void tidyUp()}
      aria-label="Tidy up"
      title="Tidy up: lay the graph out left to right (undoable)"
      className="tidy-up-control"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <rect x="1" y="2" width="4" height="3" rx="0.5" />
        <rect x="1" y="11" width="4" height="3" rx="0.5" />
        <rect x="11" y="6.5" width="4" height="3" rx="0.5" />
        <path
          d="M5 3.5 C8 3.5 8 8 11 8 M5 12.5 C8 12.5 8 8 11 8"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.2"
        />
      </svg>
    </ControlButton>
  );
};

/**
 * The top bar's learning-mode switch. (Tidy up sits with the canvas's zoom controls; the gallery
 * opens from the top bar's Examples menu, Help › Examples and the empty canvas, and each example
 * says what to try: see `useGalleryTips`.)
 */
export const LearnToolbar = () => {
  const { learn } = useLearn();
  const open = useLearnSelector((state) => state.open, false);
  return (
    <button
      type="button"
      aria-pressed={open}
      className={open ? 'learn-toggle on' : 'learn-toggle'}
      onClick={() => learn.update({ open: !open })}
      title="Learning mode: expressions, the backprop player, nudging and training"
    >
      Learn
    </button>
  );
};
