import type { NodeId } from '@chainrule/graph-runtime';
import { useId, useState } from 'react';
import { useEditor, useEditorState } from '../EditorContext';
import { symbolName } from '../document/editorDocument';
import { formatNumber, parseNumberInput } from '../format/formatNumber';
import { useLearn, useLearnSelector } from './LearnContext';
import { projectChecks } from './player';
import type { NudgeResult } from '@chainrule/learn';
import { checkGradients, nudge } from '@chainrule/learn';

let nudges = 0;

const NudgeLine = ({ result, name }: { result: NudgeResult; name: string }) => {
  const gap = Math.abs(result.actual - result.predicted);
  return (
    <dl className="learn-nudge-result" data-testid="nudge-result">
      <dt>Predicted ΔJ</dt>
      <dd className="formula grad-text" data-testid="nudge-predicted">
        dJ/d{name} · Δ = {formatNumber(result.gradient)} · {formatNumber(result.delta)} ={' '}
        {formatNumber(result.predicted)}
      </dd>
      <dt>Actual ΔJ</dt>
      <dd className="formula value-text" data-testid="nudge-actual">
        {formatNumber(result.jAfter)} − {formatNumber(result.jBefore)} ={' '}
        {formatNumber(result.actual)}
      </dd>
      <dt>Difference</dt>
      <dd className="muted">
        {gap <= 1e-9 * Math.max(1, Math.abs(result.actual))
          ? `≈ 0 (only rounding): J is linear in ${name} here, so the gradient predicts it exactly.`
          : `${formatNumber(gap)}: the curvature of J; it shrinks like Δ² as Δ gets smaller.`}
      </dd>
    </dl>
  );
};

/**
 * Verify by nudging: move an input by Δ and compare what the gradient predicted with how J
 * actually changed; and "Check gradients": finite differences for every node, intermediates
 * included, marked on the canvas.
 */
export const VerifyPanel = () => {
  const { session, actions } = useEditor();
  const { learn } = useLearn();
  const { doc } = useEditorState();
  const report = useLearnSelector((state) => state.checkReport, null);
  const sources = doc.graph.nodes.filter(
    (node) =>
      session.registry.get(node.op)?.kind === 'source' &&
      // An opened instance's input ports are fed from outside: nothing to nudge there.
      !(doc.opened?.inputs.includes(node.id) ?? false),
  );
  const [chosen, setChosen] = useState<string>('');
  const [deltaText, setDeltaText] = useState('0.1');
  const [outcome, setOutcome] = useState<
    { result: NudgeResult; name: string } | { message: string } | null
  >(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const inputId = useId();
  const deltaId = useId();
  const target = sources.find((node) => node.id === chosen) ?? sources[0];
  const delta = parseNumberInput(deltaText);
  const names = new Map(doc.graph.nodes.map((node) => [node.id as string, symbolName(node)]));

  const runNudge = (): void => {
    if (!target || delta === null) return;
    // The engine's graph is the flat one: inside an opened instance, w1 is h1/w1.
    const flatId = (
      session.path.length === 0 ? target.id : `${session.path.join('/')}/${target.id}`
    ) as NodeId;
    const result = nudge(session.engineRegistry, session.flat().graph, flatId, delta);
    if (!result.ok) {
      setOutcome({ message: result.message });
      return;
    }
    setOutcome({ result: result.result, name: symbolName(target) });
    // Apply it, as its own undo step, so the canvas shows the new J.
    actions.setValue(target.id, result.result.valueBefore + delta, `nudge:${++nudges}`);
    actions.endGesture();
  };

  const runCheck = (): void => {
    // Checked on the flat graph, so composites are checked node by node inside them.
    const { graph, map } = session.flat();
    const outcome = checkGradients(session.engineRegistry, graph);
    if (!outcome.ok) {
      setCheckError(outcome.message);
      learn.update({ checkReport: null, checks: new Map() });
      return;
    }
    const checks = new Map<NodeId, 'ok' | 'bad'>();
    for (const entry of outcome.result.nodes)
      if (entry.kind === 'checked') checks.set(entry.id, entry.ok ? 'ok' : 'bad');
    setCheckError(null);
    learn.update({
      checkReport: outcome.result,
      checks:
        map.instances().length === 0
          ? checks
          : projectChecks(checks, { path: session.path, edges: doc.graph.edges, map }),
    });
  };

  return (
    <div className="learn-verify">
      <section className="learn-verify-nudge" aria-labelledby={`${inputId}-h`}>
        <h3 id={`${inputId}-h`}>Nudge an input</h3>
        {sources.length === 0 ? (
          <p className="muted">Add an input first.</p>
        ) : (
          <>
            <div className="button-row">
              <label htmlFor={inputId}>Input</label>
              <select
                id={inputId}
                value={target?.id ?? ''}
                onChange={(event) => setChosen(event.target.value)}
              >
                {sources.map((node) => (
                  <option key={node.id} value={node.id}>
                    {symbolName(node)}
                  </option>
                ))}
              </select>
              <label htmlFor={deltaId}>by Δ</label>
              <input
                id={deltaId}
                className="text-input learn-number"
                value={deltaText}
                inputMode="decimal"
                aria-invalid={delta === null}
                onChange={(event) => setDeltaText(event.target.value)}
                onKeyDown={(event) => event.key === 'Enter' && runNudge()}
              />
              <button
                type="button"
                className="primary"
                onClick={runNudge}
                disabled={delta === null || !target}
              >
                Nudge
              </button>
            </div>
            <div aria-live="polite">
              {outcome === null ? (
                <p className="muted small">
                  Moves the input by Δ (Undo moves it back) and compares the change the gradient
                  predicts, dJ/dx·Δ, with the change the engine computes.
                </p>
              ) : 'message' in outcome ? (
                <p className="node-problem blocked">{outcome.message}</p>
              ) : (
                <NudgeLine result={outcome.result} name={outcome.name} />
              )}
            </div>
          </>
        )}
      </section>
      <section className="learn-verify-check" aria-labelledby={`${deltaId}-h`}>
        <h3 id={`${deltaId}-h`}>Check gradients</h3>
        <div className="button-row">
          <button type="button" onClick={runCheck} data-testid="check-gradients">
            Check gradients
          </button>
          {report && (
            <span className={report.ok ? 'learn-ok' : 'learn-bad'} role="status">
              {report.ok
                ? `✓ All ${report.nodes.filter((e) => e.kind === 'checked').length} gradients agree with finite differences.`
                : `✗ ${report.nodes.filter((e) => e.kind === 'checked' && !e.ok).length} gradients disagree.`}
            </span>
          )}
        </div>
        {checkError && <p className="node-problem blocked">{checkError}</p>}
        {report ? (
          <div className="learn-table-wrap">
            <table className="learn-table" data-testid="check-table">
              <thead>
                <tr>
                  <th scope="col">node</th>
                  <th scope="col">backprop dJ/dnode</th>
                  <th scope="col">finite difference</th>
                  <th scope="col">rel. error</th>
                  <th scope="col">
                    <span className="sr-only">verdict</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.nodes.map((entry) => (
                  <tr
                    key={entry.id}
                    className={entry.kind === 'checked' ? (entry.ok ? 'ok' : 'bad') : 'skipped'}
                  >
                    <th scope="row">{names.get(entry.id) ?? entry.id}</th>
                    {entry.kind === 'checked' ? (
                      <>
                        <td title={String(entry.analytic)}>{formatNumber(entry.analytic)}</td>
                        <td title={String(entry.numeric)}>{formatNumber(entry.numeric)}</td>
                        <td>{entry.relativeError.toExponential(1)}</td>
                        <td aria-label={entry.ok ? 'agrees' : 'disagrees'}>
                          {entry.ok ? '✓' : '✗'}
                        </td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        skipped: {entry.reason}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted small">
            Differences J at every node, cutting the graph there so an intermediate u becomes an
            input, and compares with backpropagation. Agreeing nodes get a ✓ on the canvas.
          </p>
        )}
      </section>
    </div>
  );
};
