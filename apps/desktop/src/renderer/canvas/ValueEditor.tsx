import type { NodeId } from '@chainrule/graph-runtime';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef, useState } from 'react';
import { useEditor } from '../EditorContext';
import { formatFull, formatNumber, parseNumberInput } from '../format/formatNumber';

let gestures = 0;
/** A new coalescing key: one focus of the field, one scrub, or one slider drag is one undo step. */
const newGesture = (kind: string, id: NodeId): string => `${kind}:${id}:${++gestures}`;

/** The slider's range: symmetric, a round number comfortably beyond the current value. */
const sliderRange = (value: number): number => {
  const needed = Math.max(10, Math.abs(value) * 2);
  const power = 10 ** Math.floor(Math.log10(needed));
  return Math.ceil(needed / power) * power;
};

/** Rounds a scrubbed value to the precision of its step, so scrubbing shows tidy numbers. */
const roundToStep = (value: number, step: number): number => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(Math.min(decimals, 12)));
};

/**
 * The value of an `input` or `const` node, edited inline: typing (every valid keystroke updates
 * the graph live), arrow keys (Shift ×10, Alt ×0.1), scrubbing the label sideways, or the slider.
 * Each gesture is one undo step. Escape restores the value the field had when it got focus.
 */
export const ValueEditor = ({
  id,
  name,
  value,
  slider: withSlider = true,
  labelPrefix = '',
}: {
  id: NodeId;
  name: string;
  value: number;
  /** Whether to draw the ±range slider (constants get none unless asked: they are not knobs). */
  slider?: boolean;
  /** Prefixed to the fields' names where a second editor of the same node is on screen. */
  labelPrefix?: string;
}) => {
  const { actions } = useEditor();
  const [draft, setDraft] = useState<string | null>(null);
  const gesture = useRef<string | null>(null);
  /** The value when the field got focus: Escape puts it back. */
  const before = useRef<number | null>(null);
  const slider = useRef<{ range: number; gesture: string } | null>(null);
  const scrub = useRef<{ startX: number; startValue: number; gesture: string } | null>(null);

  const commit = (next: number, key: string): void => actions.setValue(id, next, key);
  const focusGesture = (): string => (gesture.current ??= newGesture('type', id));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const step = event.shiftKey ? 10 : event.altKey ? 0.1 : 1;
      const base = parseNumberInput(draft ?? '') ?? value;
      const next = roundToStep(base + (event.key === 'ArrowUp' ? step : -step), Math.min(step, 1));
      setDraft(String(next));
      commit(next, focusGesture());
    } else if (event.key === 'Enter') {
      event.currentTarget.blur();
    } else if (event.key === 'Escape') {
      // Typing updated the graph live, as one undo step: Escape takes that step back, so the
      // document is exactly as it was (not dirty if it was saved), and Redo can bring it back.
      if (gesture.current !== null && before.current !== value) {
        actions.endGesture();
        actions.undo();
      }
      gesture.current = null;
      setDraft(null);
      event.currentTarget.blur();
    }
  };

  const onScrubStart = (event: PointerEvent<HTMLSpanElement>): void => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    scrub.current = { startX: event.clientX, startValue: value, gesture: newGesture('scrub', id) };
  };
  const onScrubMove = (event: PointerEvent<HTMLSpanElement>): void => {
    const active = scrub.current;
    if (!active) return;
    const step = event.shiftKey ? 1 : 0.1;
    const next = roundToStep(active.startValue + (event.clientX - active.startX) * step, step);
    commit(next, active.gesture);
  };
  const onScrubEnd = (): void => {
    scrub.current = null;
    actions.endGesture();
  };

  const range = slider.current?.range ?? sliderRange(value);
  const sliderGesture = (): string => {
    slider.current ??= { range, gesture: newGesture('slide', id) };
    return slider.current.gesture;
  };
  const endSlide = (): void => {
    slider.current = null;
    actions.endGesture();
  };
  // The drag ends where the pointer is released, which may be far outside the slider (and focus
  // may move to the node meanwhile), so listen on the window.
  const startSlide = (): void => {
    sliderGesture();
    window.addEventListener('pointerup', endSlide, { once: true });
    window.addEventListener('pointercancel', endSlide, { once: true });
  };

  const invalid = draft !== null && parseNumberInput(draft) === null;
  return (
    <div className="value-editor nodrag nowheel">
      <span
        className="scrub-handle"
        title="Drag sideways to scrub the value (Shift: faster)"
        aria-hidden="true"
        onPointerDown={onScrubStart}
        onPointerMove={onScrubMove}
        onPointerUp={onScrubEnd}
        onPointerCancel={onScrubEnd}
      >
        ⇔
      </span>
      <input
        className={`value-input${invalid ? ' invalid' : ''}`}
        aria-label={`${labelPrefix}Value of ${name}`}
        aria-invalid={invalid}
        title={invalid ? 'Not a number: the graph keeps the last valid value' : formatFull(value)}
        inputMode="decimal"
        spellCheck={false}
        value={draft ?? formatNumber(value)}
        onFocus={(event) => {
          before.current = value;
          setDraft(formatFull(value));
          event.currentTarget.select();
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          const parsed = parseNumberInput(event.target.value);
          if (parsed !== null) commit(parsed, focusGesture());
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setDraft(null);
          gesture.current = null;
          actions.endGesture();
        }}
      />
      {withSlider && (
        <input
          type="range"
          className="value-slider"
          aria-label={`${labelPrefix}Slider for ${name}`}
          min={-range}
          max={range}
          step={range / 200}
          value={Math.max(-range, Math.min(range, value))}
          onPointerDown={startSlide}
          onChange={(event) => commit(Number(event.target.value), sliderGesture())}
          onKeyUp={endSlide}
        />
      )}
    </div>
  );
};
