import { groupOpsByCategory } from '@chainrule/nodes';
import type { DragEvent, MouseEvent } from 'react';
import { useMemo, useState } from 'react';
import { useEditor } from '../EditorContext';
import { LibraryPanel } from './LibraryPanel';
import { searchOps } from './searchOps';
import { DatasetPaletteItem } from '../data/DatasetPaletteItem';

/** The drag-and-drop payload type of a palette item: the op id. */
export const OP_DRAG_TYPE = 'application/x-chainrule-op';

/**
 * The skip link's jump: to the selected node (or the first node) on the canvas, so the keyboard
 * lands where it can act, or to the canvas itself when it is empty.
 */
const skipToCanvas = (event: MouseEvent<HTMLAnchorElement>): void => {
  event.preventDefault();
  const canvas = document.getElementById('canvas-main');
  const node =
    canvas?.querySelector<HTMLElement>('.react-flow__node.selected') ??
    canvas?.querySelector<HTMLElement>('.react-flow__node');
  (node ?? canvas)?.focus();
};

/**
 * Every op, grouped by category and searchable. Drag an item onto the canvas to add it there,
 * or press it (click, Enter, Space) to add it at the centre of the view.
 */
export const Palette = () => {
  const { session, actions } = useEditor();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const found = new Set(searchOps(session.registry.list(), query));
    return groupOpsByCategory(session.registry.list())
      .map((group) => ({
        ...group,
        // A data column comes from a dataset node (above), not on its own.
        ops: group.ops.filter((op) => found.has(op) && op.varying !== true),
      }))
      .filter((group) => group.ops.length > 0);
  }, [session.registry, query]);

  const onDragStart = (event: DragEvent<HTMLButtonElement>, op: string): void => {
    event.dataTransfer.setData(OP_DRAG_TYPE, op);
    event.dataTransfer.setData('text/plain', op);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Operations">
      <a className="skip-link" href="#canvas-main" onClick={skipToCanvas}>
        Skip to canvas
      </a>
      <input
        className="palette-search"
        type="search"
        placeholder="Search ops…"
        aria-label="Search operations"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          const first = groups[0]?.ops[0];
          if (event.key === 'Enter' && first) actions.addOp(first.id);
        }}
      />
      <div className="palette-groups">
        {'dataset'.includes(query.trim().toLowerCase()) && <DatasetPaletteItem />}
        {groups.length === 0 && <p className="palette-empty">No op matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.id} className="palette-group" aria-label={group.label}>
            <h3>{group.label}</h3>
            <ul>
              {group.ops.map((op) => (
                <li key={op.id}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    data-op={op.id}
                    title={`${op.description}\n${op.formula}`}
                    aria-label={`Add ${op.label} (${op.id})`}
                    onDragStart={(event) => onDragStart(event, op.id)}
                    onClick={() => actions.addOp(op.id)}
                  >
                    <span className="palette-symbol" aria-hidden="true">
                      {op.symbol}
                    </span>
                    <span className="palette-label">{op.label}</span>
                    <span className="palette-id">{op.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <LibraryPanel />
      <p className="palette-tip">Drag onto the canvas, or press / there to search.</p>
    </nav>
  );
};
