import { createBackpropScript } from '@chainrule/learn';
import type { BackpropScript } from '@chainrule/learn';
import { useEffect, useId, useMemo } from 'react';
import { useEditorSelector, useRuntime, useRuntimeVersion } from '../EditorContext';
import { hiddenGradients } from './gradientReveal';
import { useLearn, useLearnSelector } from './LearnContext';
import { PLAYER_SPEEDS, noMarks, playerMarks } from './player';

const phaseOf = (script: BackpropScript, index: number): string => {
  if (index < 0) return 'Ready';
  if (index < script.forwardCount)
    return `Forward pass · step ${index + 1} of ${script.forwardCount}`;
  const backward = script.steps.length - script.forwardCount;
  return `Backward pass · step ${index - script.forwardCount + 1} of ${backward}`;
};

/**
 * The backprop player: play, pause, step forward and back, speed and a scrubber over the
 * script the learn package builds from the engine's own values and gradients. The canvas lights
 * the node or edge of the current step (see `useNodeMark`), and this panel writes it out.
 */
export const PlayerPanel = () => {
  const { learn } = useLearn();
  const runtime = useRuntime();
  const version = useRuntimeVersion();
  const player = useLearnSelector((state) => state.player, learn.getState().player);
  const scrubberId = useId();
  const speedId = useId();
  // Rebuilt whenever the engine's numbers change, so the player never shows stale values.
  const script = useMemo(() => {
    void version;
    return createBackpropScript(runtime);
  }, [runtime, version]);
  const length = script.steps.length;
  const index = Math.min(player.index, length - 1);

  const graph = useEditorSelector((state) => state.doc.graph);
  useEffect(() => {
    // The player does not give the answer away: gradients appear as the backward pass reaches them.
    learn.update({
      marks: playerMarks(script, index),
      hidden: hiddenGradients(script, graph, index),
    });
  }, [learn, script, graph, index]);
  useEffect(() => () => learn.update({ marks: noMarks, hidden: null }), [learn]);

  useEffect(() => {
    if (!player.playing) return;
    const timer = setInterval(() => learn.player({ type: 'tick' }, length), 1000 / player.speed);
    return () => clearInterval(timer);
  }, [learn, player.playing, player.speed, length]);

  const step = index >= 0 ? script.steps[index] : undefined;
  const control = (type: 'forward' | 'back' | 'play' | 'pause') => () =>
    learn.player({ type }, length);
  return (
    <div className="learn-player">
      <div className="learn-player-main">
        <div className="button-row learn-player-controls" role="group" aria-label="Backprop player">
          <button
            type="button"
            onClick={control('back')}
            disabled={index < 0}
            aria-label="Step back"
          >
            ← Back
          </button>
          {player.playing ? (
            <button type="button" className="primary" onClick={control('pause')} aria-label="Pause">
              ❚❚ Pause
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={control('play')}
              disabled={length === 0}
              aria-label="Play"
            >
              ▶ Play
            </button>
          )}
          <button
            type="button"
            onClick={control('forward')}
            disabled={index >= length - 1}
            aria-label="Step forward"
          >
            Next →
          </button>
          <label htmlFor={speedId} className="muted">
            Speed
          </label>
          <select
            id={speedId}
            value={player.speed}
            onChange={(event) =>
              learn.player({ type: 'speed', speed: Number(event.target.value) }, length)
            }
          >
            {PLAYER_SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed} step{speed === 1 ? '' : 's'}/s
              </option>
            ))}
          </select>
        </div>
        <div className="learn-scrubber">
          <label htmlFor={scrubberId} className="sr-only">
            Player position
          </label>
          <input
            id={scrubberId}
            type="range"
            min={-1}
            max={length - 1}
            step={1}
            value={index}
            aria-valuetext={
              step ? `${phaseOf(script, index)}: ${step.text}` : 'Before the first step'
            }
            onChange={(event) =>
              learn.player({ type: 'seek', index: Number(event.target.value) }, length)
            }
            style={{
              ['--forward' as string]: `${((script.forwardCount + 0.5) / (length + 1)) * 100}%`,
            }}
          />
          <div className="learn-scrubber-track" aria-hidden="true">
            <span style={{ flexGrow: script.forwardCount }}>forward pass</span>
            {length > script.forwardCount && (
              <span className="backward" style={{ flexGrow: length - script.forwardCount }}>
                backward pass
              </span>
            )}
          </div>
        </div>
        <p className="muted small" data-testid="player-phase">
          {phaseOf(script, index)}
          {script.output === null && ' · choose an output J to play the backward pass'}
        </p>
        <p
          className={`learn-player-caption formula ${index >= script.forwardCount ? 'grad-text' : 'value-text'}`}
          data-testid="player-caption"
          aria-live="polite"
        >
          {step
            ? step.text
            : 'Press Play or Next: the forward pass computes every node left to right, then the backward pass carries dJ back along every edge.'}
        </p>
      </div>
      <ol className="learn-steps" aria-label="Steps" data-testid="player-steps">
        {script.steps.map((item, i) => (
          <li key={i} className={i === script.forwardCount ? 'learn-steps-split' : undefined}>
            <button
              type="button"
              className={`learn-step ${i < script.forwardCount ? 'value-text' : 'grad-text'}${i === index ? ' current' : ''}`}
              aria-current={i === index ? 'step' : undefined}
              ref={
                i === index ? (element) => element?.scrollIntoView({ block: 'nearest' }) : undefined
              }
              onClick={() => learn.player({ type: 'seek', index: i }, length)}
            >
              {item.text}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
};
