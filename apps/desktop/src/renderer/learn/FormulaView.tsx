import type { GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { latexName, nodeFormula } from '@chainrule/learn';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useEffect, useMemo, useRef, useState } from 'react';

/**
 * Typesets LaTeX with KaTeX into its own element. KaTeX writes the DOM itself (no
 * `dangerouslySetInnerHTML`), and `throwOnError: false` shows a bad formula in red instead of
 * breaking the panel.
 */
export const Tex = ({ latex, label }: { latex: string; label: string }) => {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current) katex.render(latex, ref.current, { throwOnError: false, displayMode: false });
  }, [latex]);
  // KaTeX adds MathML for screen readers; the label says what the formula is for.
  return <span ref={ref} className="tex" role="math" aria-label={label} />;
};

/**
 * A node's formula in terms of the graph's inputs, typeset, with a button that copies it as
 * text in the expression language (so it can be pasted back into the expression box).
 */
export const FormulaView = ({
  graph,
  id,
  name,
}: {
  graph: GraphSpec;
  id: NodeId;
  name: string;
}) => {
  const formula = useMemo(() => nodeFormula(graph, id), [graph, id]);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setCopied('idle'), [formula.text]);
  const text = `${name} = ${formula.text}`;
  const copy = (): void => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  const isSource = formula.text === name;
  return (
    <div className="learn-formula" data-testid="learn-formula">
      <div className="learn-formula-tex">
        <Tex
          latex={isSource ? formula.latex : `${latexName(name)} = ${formula.latex}`}
          label={text}
        />
      </div>
      {formula.references.length > 0 && (
        <p className="muted small">
          Long sub-formulas are written by name: {formula.references.join(', ')}.
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={copy} aria-label={`Copy the formula of ${name} as text`}>
          Copy as text
        </button>
        <code className="learn-formula-text" data-testid="learn-formula-text">
          {text}
        </code>
      </div>
      <span className="sr-only" role="status">
        {copied === 'copied' ? 'Formula copied.' : copied === 'failed' ? 'Could not copy.' : ''}
      </span>
      {copied !== 'idle' && (
        <span className="muted small" aria-hidden="true">
          {copied === 'copied' ? 'Copied.' : 'The clipboard is not available here.'}
        </span>
      )}
    </div>
  );
};
