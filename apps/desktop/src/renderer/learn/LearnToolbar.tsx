import { galleryExamples } from '@chainrule/learn/gallery';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../EditorContext';
import { moveNodes } from '../document/editorDocument';
import type { NodeSize } from './elkLayout';
import { layoutGraph } from './elkLayout';
import { useLearn, useLearnSelector } from './LearnContext';

/**
 * "Tidy up": lays the current graph out left to right with ELK (ports respected), using the
 * node sizes React Flow measured, as one undoable edit, then fits the view.
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
    try {
      const positions = await layoutGraph(doc.graph, session.registry, { sizes });
      // The graph may have changed while ELK worked; moveNodes ignores nodes that are gone.
      session.store.edit('Tidy up', (current) => moveNodes(current, positions));
      session.store.seal();
      requestAnimationFrame(() => actions.runCommand('fit-view'));
    } catch (error) {
      view.notify({ tone: 'error', message: `Could not lay the graph out: ${String(error)}` });
    }
  };
};

/** The gallery as a menu: each example with what it teaches; opening one shows what to try. */
export const GalleryMenu = () => {
  const { actions } = useEditor();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (event: MouseEvent): void => {
      if (!menu.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="learn-gallery-menu">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        Gallery ▾
      </button>
      {open && (
        <div
          className="menu learn-gallery-list"
          role="menu"
          aria-label="Examples gallery"
          ref={menu}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const items = [
                ...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? []),
              ];
              const at = items.indexOf(document.activeElement as HTMLButtonElement);
              items[
                (at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length
              ]?.focus();
            }
          }}
        >
          {galleryExamples.map((example) => (
            <button
              key={example.id}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                void actions.openExample(`${example.id}.graph`);
              }}
            >
              <strong>{example.title}</strong>
              <span className="muted small">{example.teaches}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
};

/** The top bar's learning-mode controls: the Learn toggle, Tidy up and the gallery. */
export const LearnToolbar = () => {
  const { learn } = useLearn();
  const open = useLearnSelector((state) => state.open, false);
  const tidyUp = useTidyUp();
  return (
    <div className="button-row" role="group" aria-label="Learning mode">
      <button
        type="button"
        aria-pressed={open}
        className={open ? 'learn-toggle on' : 'learn-toggle'}
        onClick={() => learn.update({ open: !open })}
        title="Expressions, the backprop player, nudging and training"
      >
        Learn
      </button>
      <button
        type="button"
        onClick={() => void tidyUp()}
        title="Lay the graph out left to right (undoable)"
      >
        Tidy up
      </button>
      <GalleryMenu />
    </div>
  );
};
