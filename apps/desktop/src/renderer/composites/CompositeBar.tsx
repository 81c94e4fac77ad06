import { useEffect, useId, useRef, useState } from 'react';
import { useEditorSelector } from '../EditorContext';
import { useComposites } from './CompositeScope';
import { definitionNamed, definitionsOf } from './model';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  target.closest('input, textarea, select, [contenteditable="true"], dialog') !== null;

/** The form that names a new composite before "Make composite" runs. */
const NameForm = ({ onDone }: { onDone: () => void }) => {
  const composites = useComposites();
  const [name, setName] = useState(() => composites.suggestName('composite'));
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  useEffect(() => field.current?.select(), []);
  return (
    <form
      className="composite-name-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (composites.makeComposite(name.trim())) onDone();
      }}
      onKeyDown={(event) => event.key === 'Escape' && onDone()}
    >
      <label htmlFor={fieldId}>Name</label>
      <input
        id={fieldId}
        ref={field}
        className="text-input"
        value={name}
        onChange={(event) => setName(event.target.value)}
        aria-label="Name of the new composite"
      />
      <button type="submit" className="primary">
        Make
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
};

/**
 * Over the canvas: where it is (the breadcrumb Graph › h1 › … to go back up), and the
 * composite commands: Make composite from the selection (Ctrl+G) and Expand the selected
 * instance (Ctrl+Shift+G). Alt+↑ goes up one level.
 */
export const CompositeBar = () => {
  const composites = useComposites();
  const [naming, setNaming] = useState(false);
  const { path } = composites;
  const selectedCount = useEditorSelector((state) => state.selection.nodes.size);
  const selectedInstance = useEditorSelector((state) => {
    if (state.selection.nodes.size !== 1) return null;
    const [id] = state.selection.nodes;
    const node = state.doc.graph.nodes.find((n) => n.id === id);
    return node && definitionNamed(definitionsOf(state.doc), node.op) ? node.id : null;
  });
  const opened = useEditorSelector((state) => state.doc.opened?.name ?? null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'g') {
        event.preventDefault();
        if (event.shiftKey) composites.expand();
        else setNaming(true);
      } else if (event.altKey && event.key === 'ArrowUp' && path.length > 0) {
        event.preventDefault();
        composites.goTo(path.length - 1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [composites, path]);

  return (
    <div className="composite-bar" role="toolbar" aria-label="Composites">
      <nav className="breadcrumb" aria-label="Where the canvas is" data-testid="breadcrumb">
        <ol>
          <li>
            {path.length === 0 ? (
              <span aria-current="location">Graph</span>
            ) : (
              <button type="button" className="link-button" onClick={() => composites.goTo(0)}>
                Graph
              </button>
            )}
          </li>
          {path.map((id, depth) => (
            <li key={`${depth}:${id}`}>
              <span aria-hidden="true">›</span>{' '}
              {depth === path.length - 1 ? (
                <span aria-current="location">
                  {id}
                  {opened && <span className="muted"> ({opened})</span>}
                </span>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => composites.goTo(depth + 1)}
                >
                  {id}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {path.length > 0 && (
        <span className="muted small composite-hint">
          Edits change every {opened}; the values are {path[path.length - 1]}’s.
        </span>
      )}
      {naming ? (
        <NameForm onDone={() => setNaming(false)} />
      ) : (
        <div className="button-row">
          <button
            type="button"
            onClick={() => setNaming(true)}
            disabled={selectedCount === 0}
            title="Group the selected nodes into a new composite op (Ctrl+G)"
          >
            Make composite
          </button>
          <button
            type="button"
            onClick={() => composites.expand()}
            disabled={selectedInstance === null}
            title="Inline the selected instance back into plain nodes (Ctrl+Shift+G)"
          >
            Expand
          </button>
        </div>
      )}
    </div>
  );
};
