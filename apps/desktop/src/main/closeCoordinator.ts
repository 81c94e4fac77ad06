/** A window as the close logic sees it: no Electron types, so it is testable in Node. */
export interface ClosableWindow {
  readonly id: number;
  /** The document's dirty state, as last reported by the renderer. */
  isDirty(): boolean;
  /**
   * Asks the renderer whether its document may go away; the renderer shows Save / Don't Save /
   * Cancel itself and resolves `true` once saved or discarded, `false` on Cancel or a failed save.
   */
  requestClose(): Promise<boolean>;
  /** Closes the window for real (the close event fires again and is let through). */
  close(): void;
}

/** What to do with a window's `close` event. */
export type CloseDecision = 'allow' | 'ask' | 'wait';

/**
 * The close rule in one place: a clean or already-approved window closes; a dirty one is held
 * while the renderer asks; a second close while the question is open waits for that answer.
 */
export function decideClose(state: {
  approved: boolean;
  dirty: boolean;
  asking: boolean;
}): CloseDecision {
  if (state.approved || !state.dirty) return 'allow';
  return state.asking ? 'wait' : 'ask';
}

/** Coordinates closing windows and quitting around unsaved documents. */
export interface CloseCoordinator {
  /** Call from a window's `close` event; calls `preventDefault` unless the close may proceed. */
  onWindowClose(window: ClosableWindow, preventDefault: () => void): void;
  /**
   * Call from the app's `before-quit`; asks each dirty window in turn and quits (via `quit`)
   * only if none is cancelled. Cancel anywhere leaves every window and document as it was.
   */
  onBeforeQuit(
    windows: readonly ClosableWindow[],
    preventDefault: () => void,
    quit: () => void,
  ): void;
  /** Forgets a window once it is gone. */
  onWindowClosed(window: ClosableWindow): void;
  /** True once a quit has been approved (macOS keeps the app alive otherwise). */
  isQuitting(): boolean;
}

/**
 * Creates the close coordinator.
 * @example
 * const closing = createCloseCoordinator();
 * win.on('close', (event) => closing.onWindowClose(handle, () => event.preventDefault()));
 */
export function createCloseCoordinator(): CloseCoordinator {
  const approved = new Set<number>();
  const asking = new Set<number>();
  let quitting = false;
  let quitInProgress = false;

  function onWindowClose(window: ClosableWindow, preventDefault: () => void): void {
    const decision = decideClose({
      approved: approved.has(window.id) || quitting,
      dirty: window.isDirty(),
      asking: asking.has(window.id) || quitInProgress,
    });
    if (decision === 'allow') return;
    preventDefault();
    if (decision === 'wait') return;
    asking.add(window.id);
    void window.requestClose().then(
      (allow) => {
        asking.delete(window.id);
        if (!allow) return;
        approved.add(window.id);
        window.close();
      },
      () => asking.delete(window.id),
    );
  }

  async function askAll(windows: readonly ClosableWindow[]): Promise<boolean> {
    // One question at a time: several dialogs at once would be unanswerable.
    for (const window of windows) {
      if (approved.has(window.id) || !window.isDirty()) continue;
      asking.add(window.id);
      let allow: boolean;
      try {
        allow = await window.requestClose();
      } catch {
        allow = false;
      } finally {
        asking.delete(window.id);
      }
      if (!allow) return false;
      approved.add(window.id);
    }
    return true;
  }

  function onBeforeQuit(
    windows: readonly ClosableWindow[],
    preventDefault: () => void,
    quit: () => void,
  ): void {
    if (quitting) return;
    const dirty = windows.filter((w) => w.isDirty() && !approved.has(w.id));
    if (dirty.length === 0) {
      quitting = true;
      return;
    }
    preventDefault();
    if (quitInProgress) return;
    quitInProgress = true;
    void askAll(dirty).then((allow) => {
      quitInProgress = false;
      if (!allow) {
        // Cancel keeps everything as it was, including windows approved earlier in this round.
        for (const w of dirty) approved.delete(w.id);
        return;
      }
      quitting = true;
      quit();
    });
  }

  return {
    onWindowClose,
    onBeforeQuit,
    onWindowClosed(window) {
      approved.delete(window.id);
      asking.delete(window.id);
    },
    isQuitting: () => quitting,
  };
}

/**
 * Pairs requests sent to a renderer with the replies that come back on another channel.
 * Replies with unknown ids (stale, forged or duplicated) are ignored.
 */
export interface ReplyTracker<T> {
  request(send: (requestId: number) => void): Promise<T>;
  /** Delivers a reply; false if no request with that id is waiting. */
  reply(requestId: number, value: T): boolean;
  /** Answers every waiting request, e.g. with `true` when the renderer crashed. */
  settleAll(value: T): void;
}

/** Creates a {@link ReplyTracker}. */
export function createReplyTracker<T>(): ReplyTracker<T> {
  let nextId = 1;
  const waiting = new Map<number, (value: T) => void>();
  return {
    request(send) {
      const id = nextId++;
      return new Promise<T>((resolve) => {
        waiting.set(id, resolve);
        send(id);
      });
    },
    reply(requestId, value) {
      const resolve = waiting.get(requestId);
      if (resolve === undefined) return false;
      waiting.delete(requestId);
      resolve(value);
      return true;
    },
    settleAll(value) {
      const all = [...waiting.values()];
      waiting.clear();
      for (const resolve of all) resolve(value);
    },
  };
}
