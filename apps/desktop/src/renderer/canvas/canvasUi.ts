import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { useSyncExternalStore } from 'react';
import { createListeners } from '../listeners';

/** What a context menu was opened on, and where (screen pixels, relative to the canvas). */
export type MenuTarget =
  | { readonly kind: 'node'; readonly id: NodeId }
  | { readonly kind: 'edge'; readonly id: EdgeId }
  | { readonly kind: 'canvas' };

export interface MenuRequest {
  readonly target: MenuTarget;
  /** Where to draw it, relative to the canvas. */
  readonly at: { readonly x: number; readonly y: number };
  /** Where on the canvas it was opened, in screen pixels (for "Add node here"). */
  readonly screen: { readonly x: number; readonly y: number };
  /** The element that had focus, given it back when the menu closes. */
  readonly returnFocus: HTMLElement | null;
}

/** Transient canvas UI that is not the document's: the context menu and the find bar. */
export interface CanvasUiState {
  readonly menu: MenuRequest | null;
  readonly find: boolean;
}

let state: CanvasUiState = { menu: null, find: false };
const listeners = createListeners();

/** Changes the canvas UI state. */
export const updateCanvasUi = (change: Partial<CanvasUiState>): void => {
  state = { ...state, ...change };
  listeners.notify();
};

/** The canvas UI state, re-rendering on change. */
export const useCanvasUi = (): CanvasUiState =>
  useSyncExternalStore(listeners.subscribe, () => state);
