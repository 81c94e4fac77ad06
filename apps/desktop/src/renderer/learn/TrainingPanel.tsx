import { describeOptimizer, optimizerKinds } from '@chainrule/learn';
import type { OptimizerKind } from '@chainrule/learn';
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useEditorState } from '../EditorContext';
import { symbolName } from '../document/editorDocument';
import { formatNumber, parseNumberInput } from '../format/formatNumber';
import { useLearn } from './LearnContext';
import { TraceChart } from './TraceChart';

const OPTIMIZER_NAMES: Record<OptimizerKind, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
};

/** A number field that only reports valid positive numbers, keeping what is typed otherwise. */
const NumberField = ({
  label,
  value,
  onValue,
  integer = false,
}: {
  label: string;
  value: number;
  onValue: (value: number) => void;
  integer?: boolean;
}) => {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(
    () => setText((old) => (parseNumberInput(old) === value ? old : String(value))),
    [value],
  );
  const parsed = parseNumberInput(text);
  const valid = parsed !== null && parsed > 0 && (!integer || Number.isInteger(parsed));
  return (
    <span className="learn-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="text-input learn-number"
        value={text}
        inputMode="decimal"
        aria-invalid={!valid}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseNumberInput(event.target.value);
          if (next !== null && next > 0 && (!integer || Number.isInteger(next))) onValue(next);
        }}
      />
    </span>
  );
};

/**
 * The training panel: optimizer, learning rate and steps; Step, Run/Pause and Reset; the loss
 * curve and every trained parameter's trace, live. The values land on the canvas as they are
 * trained, and one Undo takes a whole run back.
 */
export const TrainingPanel = () => {
  const { training } = useLearn();
  const state = useSyncExternalStore(training.subscribe, training.getState);
  const { doc } = useEditorState();
  const optimizerId = useId();
  const names = new Map(doc.graph.nodes.map((node) => [node.id as string, symbolName(node)]));
  const { settings, traces, phase } = state;
  const loss = traces.loss[traces.loss.length - 1];
  const running = phase === 'running';
  return (
    <div className="learn-train">
      <div className="learn-train-controls">
        <div className="button-row learn-train-settings">
          <span className="learn-field">
            <label htmlFor={optimizerId}>Optimizer</label>
            <select
              id={optimizerId}
              value={settings.optimizer}
              disabled={running}
              title={describeOptimizer(settings.optimizer)}
              onChange={(event) =>
                training.setSettings({ optimizer: event.target.value as OptimizerKind })
              }
            >
              {optimizerKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {OPTIMIZER_NAMES[kind]}
                </option>
              ))}
            </select>
          </span>
          <NumberField
            label="Learning rate"
            value={settings.learningRate}
            onValue={(learningRate) => training.setSettings({ learningRate })}
          />
          <NumberField
            label="Steps"
            integer
            value={settings.steps}
            onValue={(steps) => training.setSettings({ steps })}
          />
        </div>
        <p className="muted small learn-rule">{describeOptimizer(settings.optimizer)}</p>
        <div className="button-row" role="group" aria-label="Training">
          <button type="button" onClick={training.step} disabled={running || phase === 'diverged'}>
            Step
          </button>
          {running ? (
            <button type="button" className="primary" onClick={training.pause}>
              ⏸ Pause
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={training.run}
              disabled={phase === 'diverged'}
              aria-label={`Run ${settings.steps} steps`}
            >
              ▶ Run {settings.steps}
            </button>
          )}
          <button type="button" onClick={training.reset} disabled={!state.canReset || running}>
            Reset
          </button>
        </div>
        <p className="learn-train-status" role="status" data-testid="training-status">
          {state.steps > 0 || loss !== undefined ? (
            <>
              Step <strong>{state.steps}</strong> · J ={' '}
              <strong
                data-testid="training-loss"
                title={loss === undefined ? undefined : String(loss)}
              >
                {loss === undefined ? '—' : formatNumber(loss)}
              </strong>
              {traces.loss.length > 1 && <> (started at {formatNumber(traces.loss[0]!)})</>}
            </>
          ) : (
            'Trains every input not marked fixed (see the inspector) to make J smaller.'
          )}
        </p>
        {state.message && (
          <p
            className={`node-problem ${phase === 'diverged' ? 'error' : 'blocked'}`}
            role="alert"
            data-testid="training-message"
          >
            {state.message}
          </p>
        )}
        {traces.parameters.length > 0 && (
          <p className="muted small">
            Training {traces.parameters.map((p) => names.get(p.id) ?? p.id).join(', ')}. Undo takes
            a whole run back.
          </p>
        )}
      </div>
      <div className="learn-train-charts">
        <TraceChart
          title="Loss J"
          testId="loss-chart"
          logWhenPositive
          series={[{ label: 'J', values: traces.loss }]}
        />
        <TraceChart
          title="Parameters"
          testId="parameter-chart"
          series={traces.parameters.map((p) => ({
            label: names.get(p.id) ?? p.id,
            values: p.values,
          }))}
        />
      </div>
    </div>
  );
};
