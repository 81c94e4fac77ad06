import type { NodeId } from '@chainrule/graph-runtime';
import { useReactFlow } from '@xyflow/react';
import { useId, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorState } from '../EditorContext';
import { displayName, positionOf } from '../document/editorDocument';
import { findNodes } from './findNodes';
import { listKeys } from './listKeys';
import { FUNCTION_NODE_HEIGHT, NODE_WIDTH } from './flowElements';

/**
 * Find a node by name (Ctrl+F): type, ↑/↓ to choose, Enter jumps to it (selects it and centres
 * the view on it, focus on the node so the keyboard can go on from there), Escape closes.
 */
export const FindBar = ({ onClose }: { onClose: () => void }) => {
  const { actions } = useEditor();
  const { doc } = useEditorState();
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const found = useMemo(() => findNodes(doc.graph.nodes, query), [doc.graph.nodes, query]);
  const current = Math.min(active, Math.max(found.length - 1, 0));

  const jump = (id: NodeId): void => {
    actions.select({ nodes: new Set([id]), edges: new Set() });
    const at = positionOf(doc.positions, id) ?? { x: 0, y: 0 };
    void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + FUNCTION_NODE_HEIGHT / 2, {
      zoom: Math.max(flow.getZoom(), 0.9),
      duration: 200,
    });
    onClose();
    // Focus the node once React Flow has drawn it in view (it draws only what is visible).
    let tries = 0;
    const focus = (): void => {
      const element = document.querySelector<HTMLElement>(
        `.react-flow__node[data-id="${CSS.escape(id)}"]`,
      );
      if (element) element.focus({ preventScroll: true });
      else if (++tries < 20) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  };

  return (
    <div className="find-bar" role="search" aria-label="Find a node">
      <input
        ref={input}
        autoFocus
        type="search"
        role="combobox"
        aria-expanded={found.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={found[current] ? `${listId}-${current}` : undefined}
        aria-label="Find a node by name"
        placeholder="Find a node…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={listKeys(
          current,
          found.length,
          setActive,
          (index) => found[index] && jump(found[index].id),
          onClose,
        )}
      />
      <p className="find-count" role="status">
        {query.trim() === ''
          ? 'Type a name'
          : found.length === 0
            ? 'No node matches'
            : `${found.length} match${found.length === 1 ? '' : 'es'}`}
      </p>
      {found.length > 0 && (
        <ul id={listId} role="listbox" aria-label="Matching nodes">
          {found.map((node, index) => (
            <li
              key={node.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className={index === current ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                jump(node.id);
              }}
            >
              {displayName(node)} <span className="palette-id">{node.op}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
