import type { NodeId } from '@chainrule/graph-runtime';
import { expressionToGraph } from '@chainrule/learn';
import { useId, useMemo, useState } from 'react';
import { useEditor } from '../EditorContext';
import type { XY } from '../document/editorDocument';
import { caretLines } from './caret';
import { layoutGraph } from './elkLayout';
import { expressionDocument } from './expressionDocument';
import type { ExpressionMode } from './expressionDocument';

const EXAMPLE = 'J = 3*(a + b*c)\na = 5\nb = 3\nc = 2';

/**
 * The expression box: type `J = 3*(a + b*c)` (and `a = 5` lines for values) and build the graph
 * on the canvas, replacing the document or inserting beside it, as one undoable edit laid out
 * left to right by ELK. Errors are shown as they are typed, with a caret at the exact column.
 */
export const ExpressionBox = () => {
  const { session, actions } = useEditor();
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const result = useMemo(
    () => (source.trim() === '' ? null : expressionToGraph(source, { registry: session.registry })),
    [source, session.registry],
  );
  const error = result && !result.ok ? result.error : null;

  const build = async (mode: ExpressionMode): Promise<void> => {
    if (!result?.ok || busy) return;
    setBusy(true);
    try {
      const { graph } = result.value;
      let positions: ReadonlyMap<NodeId, XY> = result.value.positions;
      try {
        positions = await layoutGraph(graph, session.registry);
      } catch {
        // ELK failing is no reason not to build: the parser's own placement is left to right too.
      }
      session.store.edit(
        mode === 'replace' ? 'Build from expression' : 'Insert expression',
        (doc) => expressionDocument(doc, { graph, positions }, mode),
        { select: { nodes: new Set(), edges: new Set() } },
      );
      session.store.seal();
      setBuilt(
        `Built ${graph.nodes.length} nodes${result.value.output ? `; the output J is ${result.value.output}` : ''}.`,
      );
      requestAnimationFrame(() => actions.runCommand('fit-view'));
    } finally {
      setBusy(false);
    }
  };

  const caret = error ? caretLines(source, error) : null;
  return (
    <div className="learn-expression">
      <div className="learn-expression-input">
        <label htmlFor={inputId} className="field">
          Expression: one per line; <code>a = 5</code> sets a value
        </label>
        <textarea
          id={inputId}
          className="text-input learn-textarea"
          value={source}
          spellCheck={false}
          rows={5}
          placeholder={EXAMPLE}
          aria-invalid={error !== null}
          aria-describedby={errorId}
          data-testid="expression-input"
          onChange={(event) => {
            setSource(event.target.value);
            setBuilt(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void build(event.shiftKey ? 'insert' : 'replace');
            }
          }}
        />
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={!result?.ok || busy}
            onClick={() => void build('replace')}
            title="Replace the canvas with this graph (Ctrl+Enter); Undo brings the old one back"
          >
            Build graph
          </button>
          <button
            type="button"
            disabled={!result?.ok || busy}
            onClick={() => void build('insert')}
            title="Add this graph below what is on the canvas (Ctrl+Shift+Enter)"
          >
            Insert
          </button>
          {source === '' && (
            <button type="button" onClick={() => setSource(EXAMPLE)}>
              Use the seed
            </button>
          )}
        </div>
      </div>
      <div className="learn-expression-feedback" id={errorId} aria-live="polite">
        {error && caret ? (
          <div className="learn-expression-error" data-testid="expression-error">
            <p className="node-problem error">
              Line {error.line}, column {error.column}: {error.message}
            </p>
            <pre className="learn-caret" aria-hidden="true">
              {caret.line}
              {'\n'}
              <span className="learn-caret-mark">{caret.caret}</span>
            </pre>
          </div>
        ) : result?.ok ? (
          <p className="muted">
            {built ??
              `${result.value.graph.nodes.length} nodes, inputs ${result.value.inputs.join(', ') || 'none'}${
                result.value.output ? `, output J = ${result.value.output}` : ''
              }.`}
          </p>
        ) : (
          <p className="muted">
            Functions: exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu, square, neg, max, min,
            pow; <code>^</code> is a power; <code>pi</code> and <code>e</code> are constants.
          </p>
        )}
      </div>
    </div>
  );
};
