import type { GradcheckResult, NodeId } from '@chainrule/graph-runtime';
import type { HiddenGradients } from './gradientReveal';
import type { PlayerAction, PlayerMarks, PlayerState } from './player';
import { initialPlayer, noMarks, playerReducer } from './player';
import { createListeners } from '../listeners';

/** The tabs of the learning panel. */
export type LearnTab = 'expression' | 'player' | 'verify' | 'train';

/** A gallery example's suggestion, shown after it opens. */
export interface LearnTip {
  readonly title: string;
  readonly text: string;
}

/** Learning mode's view state: which panel is open, where the player is, what it marks. */
export interface LearnState {
  readonly open: boolean;
  readonly tab: LearnTab;
  readonly player: PlayerState;
  readonly marks: PlayerMarks;
  /** Gradients the open player has not reached yet (hidden on the canvas); `null` when closed. */
  readonly hidden: HiddenGradients | null;
  /** The last "Check gradients" result, per node; cleared when the graph changes. */
  readonly checks: ReadonlyMap<NodeId, 'ok' | 'bad'>;
  readonly checkReport: GradcheckResult | null;
  readonly tip: LearnTip | null;
}

/** A small store for {@link LearnState}, read with `useSyncExternalStore` (like the view store). */
export interface LearnStore {
  getState(): LearnState;
  subscribe(listener: () => void): () => void;
  update(change: Partial<LearnState>): void;
  /** Applies a player control over a script of `length` steps. */
  player(action: PlayerAction, length: number): void;
}

/** Creates the learn store of one window, with the panel closed. */
export const createLearnStore = (initial: Partial<LearnState> = {}): LearnStore => {
  let state: LearnState = {
    open: false,
    tab: 'expression',
    player: initialPlayer,
    marks: noMarks,
    hidden: null,
    checks: new Map(),
    checkReport: null,
    tip: null,
    ...initial,
  };
  const listeners = createListeners();
  const set = (next: LearnState): void => {
    if (next === state) return;
    state = next;
    listeners.notify();
  };
  return {
    getState: () => state,
    subscribe: listeners.subscribe,
    update: (change) => set({ ...state, ...change }),
    player(action, length) {
      const player = playerReducer(state.player, action, length);
      if (player !== state.player) set({ ...state, player });
    },
  };
};
