import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import { displayName } from '../document/editorDocument';
import { searchOps } from '../palette/searchOps';
import { listKeys } from './listKeys';
import type { QuickAddRequest } from '../viewStore';

/**
 * The quick-add search, opened at the pointer by `/` or a double-click on the canvas. Type to
 * filter, arrows to choose, Enter to add, Escape to close. With one node selected, the new node
 * is wired from it, so a graph can be built from the keyboard alone.
 */
export const QuickAdd = ({ request }: { request: QuickAddRequest }) => {
  const { session, actions, view } = useEditor();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const ops = useMemo(() => searchOps(session.registry.list(), query), [session.registry, query]);
  const from = useEditorSelector((state) => {
    if (state.selection.nodes.size !== 1) return null;
    const [id] = state.selection.nodes;
    return state.doc.graph.nodes.find((node) => node.id === id) ?? null;
  });

  useEffect(() => input.current?.focus(), []);

  const close = (): void => view.update({ quickAdd: null });
  const add = (index: number): void => {
    const op = ops[index];
    if (!op) return;
    actions.addOp(
      op.id,
      request.flow,
      from && op.inputs.length > 0 ? { connectFrom: from.id } : {},
    );
    close();
  };

  const current = Math.min(active, Math.max(ops.length - 1, 0));
  return (
    <div
      className="quick-add"
      style={{ left: request.screen.x, top: request.screen.y }}
      role="dialog"
      aria-label="Quick add"
    >
      <input
        ref={input}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={ops[current] ? `${listId}-${ops[current].id}` : undefined}
        aria-label="Add an op: type to search"
        placeholder="Add op…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={listKeys(current, ops.length, setActive, add, close)}
        onBlur={close}
      />
      {from && <p className="quick-add-hint">Wires from {displayName(from)}</p>}
      <ul id={listId} role="listbox" aria-label="Matching ops">
        {ops.length === 0 && <li className="quick-add-empty">No op matches.</li>}
        {ops.map((op, index) => (
          <li
            key={op.id}
            id={`${listId}-${op.id}`}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'active' : undefined}
            // mousedown, not click: the input's blur would close the list first
            onMouseDown={(event) => {
              event.preventDefault();
              add(index);
            }}
          >
            <span className="palette-symbol" aria-hidden="true">
              {op.symbol}
            </span>
            {op.label} <span className="palette-id">{op.id}</span>
          </li>
        ))}
      </ul>
    </div>
  );
};
