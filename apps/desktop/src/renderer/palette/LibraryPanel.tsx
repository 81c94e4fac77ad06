import type { CompositeDefinition } from '@chainrule/graph-runtime';
import type { BuiltinComposite } from '@chainrule/learn';
import { builtinComposites, definitionFromExpression } from '@chainrule/learn';
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { useId, useState } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import { useComposites } from '../composites/CompositeScope';
import { COMPOSITE_DRAG_TYPE } from '../composites/library';
import type { LibraryItem } from '../composites/library';
import type { XY } from '../document/editorDocument';

/** Where a clicked library item lands: the middle of the visible canvas. */
const useCanvasCentre = (): (() => XY) => {
  const flow = useReactFlow();
  return () => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return { x: 0, y: 0 };
    const at = flow.screenToFlowPosition({
      x: pane.left + pane.width / 2,
      y: pane.top + pane.height / 2,
    });
    return { x: Math.round(at.x / 20) * 20 - 100, y: Math.round(at.y / 20) * 20 - 60 };
  };
};

const startDrag = (event: DragEvent<HTMLElement>, item: LibraryItem): void => {
  event.dataTransfer.setData(COMPOSITE_DRAG_TYPE, JSON.stringify(item));
  event.dataTransfer.effectAllowed = 'copy';
};

const BuiltinItem = ({
  builtin,
  add,
}: {
  builtin: BuiltinComposite;
  add: (definition: CompositeDefinition) => void;
}) => {
  const [size, setSize] = useState(builtin.defaultSize);
  const sizeId = useId();
  const definition = () => builtin.definition(builtin.sized ? size : undefined);
  return (
    <li className="library-item">
      <button
        type="button"
        className="palette-item"
        draggable
        data-composite={builtin.id}
        title={builtin.description}
        aria-label={`Add ${builtin.title}${builtin.sized ? ` with ${size}` : ''}`}
        onDragStart={(event) => startDrag(event, { kind: 'builtin', id: builtin.id, size })}
        onClick={() => add(definition())}
      >
        <span className="palette-symbol" aria-hidden="true">
          ⊞
        </span>
        <span className="palette-label">{builtin.title}</span>
      </button>
      {builtin.sized && (
        <>
          <label htmlFor={sizeId} className="sr-only">
            Size of {builtin.title}
          </label>
          <input
            id={sizeId}
            className="library-size text-input"
            type="number"
            min={1}
            max={16}
            value={size}
            onChange={(event) => {
              const next = Number(event.target.value);
              if (Number.isInteger(next) && next >= 1 && next <= 16) setSize(next);
            }}
          />
        </>
      )}
    </li>
  );
};

/** Writes a definition as an expression and adds an instance of it. */
const ExpressionForm = ({
  add,
  onDone,
}: {
  add: (definition: CompositeDefinition) => void;
  onDone: () => void;
}) => {
  const { session } = useEditor();
  const [text, setText] = useState('softplus2(x) = log(1 + exp(x))');
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const submit = (): void => {
    const result = definitionFromExpression(text, session.engineRegistry);
    if (!result.ok) {
      setError(`Line ${result.error.line}, column ${result.error.column}: ${result.error.message}`);
      return;
    }
    setError(null);
    add(result.value);
    onDone();
  };
  return (
    <form
      className="library-expression"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={fieldId}>Definition</label>
      <textarea
        id={fieldId}
        className="text-input formula"
        rows={3}
        value={text}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
          if (event.key === 'Escape') onDone();
        }}
        aria-invalid={error !== null}
        aria-describedby={`${fieldId}-help`}
      />
      <p id={`${fieldId}-help`} className="muted small">
        name(inputs; parameters) = expression, e.g. neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2
        + b)
      </p>
      {error && (
        <p className="node-problem error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary">
          Define and add
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
};

/**
 * The library of composite ops: the built-ins (neuron(n), softplus, mse, logistic loss) and
 * the document's own definitions. Press an item to add an instance in the middle of the view,
 * or drag it onto the canvas; "New composite from expression…" defines one from text.
 */
export const LibraryPanel = () => {
  const composites = useComposites();
  const centre = useCanvasCentre();
  const [writing, setWriting] = useState(false);
  const definitions = useEditorSelector((state) => state.doc.definitions);
  const counts = useEditorSelector((state) => {
    const used: Record<string, number> = {};
    for (const node of state.doc.graph.nodes) used[node.op] = (used[node.op] ?? 0) + 1;
    return JSON.stringify(used);
  });
  const used = JSON.parse(counts) as Record<string, number>;
  // Inside an opened instance the canvas shows one definition's inner graph, so a count there
  // would not be the document's: the counts show at the top level only.
  const inside = useEditorSelector((state) => state.doc.opened !== undefined);
  const add = (definition: CompositeDefinition): void => {
    composites.addInstance(definition, centre());
  };
  return (
    <section className="library-panel" aria-label="Composite library" data-testid="library">
      <h3>Composites</h3>
      <ul>
        {builtinComposites.map((builtin) => (
          <BuiltinItem key={builtin.id} builtin={builtin} add={add} />
        ))}
      </ul>
      <h3>In this document</h3>
      {(definitions ?? []).length === 0 ? (
        <p className="palette-empty">None yet: select nodes and Make composite (Ctrl+G).</p>
      ) : (
        <ul>
          {(definitions ?? []).map((definition) => (
            <li key={definition.name} className="library-item">
              <button
                type="button"
                className="palette-item"
                draggable
                data-definition={definition.name}
                title={definition.description ?? definition.expression ?? definition.name}
                aria-label={`Add ${definition.name}`}
                onDragStart={(event) =>
                  startDrag(event, { kind: 'definition', name: definition.name })
                }
                onClick={() => add(definition)}
              >
                <span className="palette-symbol" aria-hidden="true">
                  ⊞
                </span>
                <span className="palette-label">{definition.label ?? definition.name}</span>
                {!inside && (
                  <span className="palette-id" title="Instances in the document">
                    ×{used[definition.name] ?? 0}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {writing ? (
        <ExpressionForm add={add} onDone={() => setWriting(false)} />
      ) : (
        <button type="button" className="library-new" onClick={() => setWriting(true)}>
          New composite from expression…
        </button>
      )}
    </section>
  );
};
