import { describeOptimizer, optimizerKinds } from '@chainrule/learn';
import type { OptimizerKind } from '@chainrule/learn';
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { SettingCheck } from './trainingSettings';
import { checkLearningRate, checkSteps } from './trainingSettings';
import { useEditorState } from '../EditorContext';
import { symbolName } from '../document/editorDocument';
import { formatNumber, parseNumberInput } from '../format/formatNumber';
import { useLearn } from './LearnContext';
import { TraceChart } from './TraceChart';
import { TRAINING_SPEEDS } from './trainingController';

const OPTIMIZER_NAMES: Record<OptimizerKind, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
};

/**
 * A setting typed as text: a valid value is reported at once; anything else keeps what is
 * typed, says what is wrong right under the field, and tells the panel (which disables Run).
 */
const NumberField = ({
  label,
  value,
  check,
  onValue,
  onValidity,
}: {
  label: string;
  value: number;
  check: (text: string) => SettingCheck;
  onValue: (value: number) => void;
  onValidity: (valid: boolean) => void;
}) => {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(
    () => setText((old) => (parseNumberInput(old) === value ? old : String(value))),
    [value],
  );
  const result = check(text);
  useEffect(() => onValidity(result.ok), [result.ok, onValidity]);
  return (
    <span className="learn-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`text-input learn-number${result.ok ? '' : ' invalid'}`}
        value={text}
        inputMode="decimal"
        aria-invalid={!result.ok}
        aria-describedby={result.ok ? undefined : `${id}-problem`}
        onChange={(event) => {
          setText(event.target.value);
          const next = check(event.target.value);
          if (next.ok) onValue(next.value);
        }}
      />
      {!result.ok && (
        <span id={`${id}-problem`} className="field-problem" role="alert">
          {result.message}
        </span>
      )}
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
  const speedId = useId();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const validity = useMemo(() => {
    const track = (name: string) => (valid: boolean) =>
      setInvalid((old) => {
        if (old.has(name) !== valid) return old;
        const next = new Set(old);
        if (valid) next.delete(name);
        else next.add(name);
        return next;
      });
    return { learningRate: track('learningRate'), steps: track('steps') };
  }, []);
  const settingsValid = invalid.size === 0;
  const names = new Map(doc.graph.nodes.map((node) => [node.id as string, symbolName(node)]));
  const { settings, traces, phase } = state;
  const loss = traces.loss[traces.loss.length - 1];
  const running = phase === 'running';
  const runLength = state.remaining > 0 ? state.remaining : settings.steps;
  const blockedWhy = settingsValid ? undefined : 'Fix the settings above first';
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
            check={checkLearningRate}
            onValue={(learningRate) => training.setSettings({ learningRate })}
            onValidity={validity.learningRate}
          />
          <NumberField
            label="Steps"
            value={settings.steps}
            check={checkSteps}
            onValue={(steps) => training.setSettings({ steps })}
            onValidity={validity.steps}
          />
          <span className="learn-field">
            <label htmlFor={speedId}>Pace</label>
            <select
              id={speedId}
              value={settings.speed}
              title="How fast Run plays the steps, so you can watch J fall"
              onChange={(event) => training.setSettings({ speed: Number(event.target.value) })}
            >
              {TRAINING_SPEEDS.map((speed) => (
                <option key={speed} value={speed}>
                  {speed} step{speed === 1 ? '' : 's'}/s
                </option>
              ))}
            </select>
          </span>
        </div>
        <p className="muted small learn-rule">{describeOptimizer(settings.optimizer)}</p>
        <div className="button-row" role="group" aria-label="Training">
          <button
            type="button"
            onClick={training.step}
            disabled={running || phase === 'diverged' || !settingsValid}
            title={blockedWhy}
          >
            Step
          </button>
          {running ? (
            <button type="button" className="primary" onClick={training.pause}>
              ❚❚ Pause
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={training.run}
              disabled={phase === 'diverged' || !settingsValid}
              title={blockedWhy ?? `${runLength} steps at ${settings.speed} a second`}
              aria-label={
                state.remaining > 0 ? `Resume: ${runLength} steps left` : `Run ${runLength} steps`
              }
            >
              ▶ {state.remaining > 0 ? `Resume (${runLength} left)` : `Run ${runLength}`}
            </button>
          )}
          <button
            type="button"
            onClick={training.stop}
            disabled={!running && state.remaining === 0}
            title="End the run; the values trained so far stay"
          >
            ■ Stop
          </button>
          <button
            type="button"
            onClick={training.runToEnd}
            disabled={(running && state.pace === 'fast') || phase === 'diverged' || !settingsValid}
            title={blockedWhy ?? 'The rest of the run at once, without watching'}
          >
            Run to end
          </button>
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
