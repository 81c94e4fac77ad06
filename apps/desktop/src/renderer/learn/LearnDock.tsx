import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useEditor } from '../EditorContext';
import { ExpressionBox } from './ExpressionBox';
import { useLearn, useLearnSelector } from './LearnContext';
import type { LearnTab } from './learnStore';
import { PlayerPanel } from './PlayerPanel';
import { TrainingPanel } from './TrainingPanel';
import { VerifyPanel } from './VerifyPanel';

const TABS: readonly { id: LearnTab; label: string }[] = [
  { id: 'expression', label: 'Expression' },
  { id: 'player', label: 'Backprop player' },
  { id: 'verify', label: 'Verify' },
  { id: 'train', label: 'Train' },
];

/**
 * Learning mode's panel, docked under the canvas: the expression box, the backprop player,
 * verification by nudging, and training, as tabs (arrow keys move between them, as in the
 * WAI-ARIA tabs pattern). Rendered only while learning mode is on.
 */
export const LearnDock = () => {
  const { learn } = useLearn();
  const open = useLearnSelector((state) => state.open, false);
  const tab = useLearnSelector((state) => state.tab, 'expression' as LearnTab);
  const tip = useLearnSelector((state) => state.tip, null);
  const baseId = useId();
  const tabRefs = useRef(new Map<LearnTab, HTMLButtonElement>());
  const { actions, view } = useEditor();
  // The canvas changes height when the dock opens or closes: show the whole graph again.
  useEffect(() => {
    const frame = requestAnimationFrame(() => actions.runCommand('fit-view'));
    return () => cancelAnimationFrame(frame);
  }, [open, actions]);
  // The dock's header shows the example's tip, so the same sentence over the canvas goes.
  useEffect(() => {
    const notice = view.getState().notice;
    if (open && tip && notice?.tone === 'info' && notice.message.startsWith(`${tip.title}:`)) {
      view.dismiss();
    }
  }, [open, tip, view]);
  if (!open) return null;

  const choose = (next: LearnTab, focus = false): void => {
    learn.update({ tab: next });
    if (focus) tabRefs.current.get(next)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = TABS.findIndex((t) => t.id === tab);
    const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      choose(TABS[(index + move + TABS.length) % TABS.length]!.id, true);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      choose(TABS[event.key === 'Home' ? 0 : TABS.length - 1]!.id, true);
    }
  };
  return (
    <section className="learn-dock" aria-label="Learning mode" data-testid="learn-dock">
      <header className="learn-dock-header">
        <div
          role="tablist"
          aria-label="Learning tools"
          className="learn-tabs"
          onKeyDown={onKeyDown}
        >
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(element) => {
                if (element) tabRefs.current.set(t.id, element);
                else tabRefs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${baseId}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              className={tab === t.id ? 'learn-tab active' : 'learn-tab'}
              onClick={() => choose(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tip && (
          <p className="learn-tip" data-testid="learn-tip">
            <strong>{tip.title}:</strong> {tip.text}
          </p>
        )}
        <button
          type="button"
          className="icon-button learn-close"
          aria-label="Close learning mode"
          onClick={() => learn.update({ open: false })}
        >
          ✕
        </button>
      </header>
      <div
        className="learn-dock-body"
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${tab}`}
      >
        {tab === 'expression' && <ExpressionBox />}
        {tab === 'player' && <PlayerPanel />}
        {tab === 'verify' && <VerifyPanel />}
        {tab === 'train' && <TrainingPanel />}
      </div>
    </section>
  );
};
