import { describe, expect, it } from 'vitest';
import {
  createCloseCoordinator,
  createReplyTracker,
  decideClose,
  type ClosableWindow,
} from './closeCoordinator';

/** A window whose renderer answers close requests with the queued answers, in order. */
function fakeWindow(id: number, dirty: boolean, answers: boolean[] = []) {
  const log: string[] = [];
  let isDirty = dirty;
  const window: ClosableWindow = {
    id,
    isDirty: () => isDirty,
    requestClose: async () => {
      log.push('asked');
      // The renderer answers later, after a person clicks.
      await Promise.resolve();
      const answer = answers.shift() ?? false;
      // Saving or discarding makes the document clean; Cancel keeps it dirty.
      if (answer) isDirty = false;
      return answer;
    },
    close: () => log.push('closed'),
  };
  return { window, log };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('decideClose', () => {
  it('lets clean or approved windows close, asks once for dirty ones', () => {
    expect(decideClose({ approved: false, dirty: false, asking: false })).toBe('allow');
    expect(decideClose({ approved: true, dirty: true, asking: false })).toBe('allow');
    expect(decideClose({ approved: false, dirty: true, asking: false })).toBe('ask');
    expect(decideClose({ approved: false, dirty: true, asking: true })).toBe('wait');
  });
});

describe('close coordinator', () => {
  it('closes a clean window without asking', () => {
    const closing = createCloseCoordinator();
    const { window, log } = fakeWindow(1, false);
    let prevented = false;
    closing.onWindowClose(window, () => (prevented = true));
    expect(prevented).toBe(false);
    expect(log).toEqual([]);
  });

  it('holds a dirty window, and closes it once the renderer agrees', async () => {
    const closing = createCloseCoordinator();
    const { window, log } = fakeWindow(1, true, [true]);
    let prevented = 0;
    closing.onWindowClose(window, () => prevented++);
    // A second click on the close button while the question is open asks nothing new.
    closing.onWindowClose(window, () => prevented++);
    expect(prevented).toBe(2);
    await flush();
    expect(log).toEqual(['asked', 'closed']);
    // The close event that follows window.close() is let through.
    closing.onWindowClose(window, () => prevented++);
    expect(prevented).toBe(2);
  });

  it('keeps the window open on Cancel', async () => {
    const closing = createCloseCoordinator();
    const { window, log } = fakeWindow(1, true, [false]);
    closing.onWindowClose(window, () => undefined);
    await flush();
    expect(log).toEqual(['asked']);
    let prevented = false;
    closing.onWindowClose(window, () => (prevented = true));
    expect(prevented).toBe(true);
  });

  it('quits only after every dirty window agrees, asking one at a time', async () => {
    const closing = createCloseCoordinator();
    const a = fakeWindow(1, true, [true]);
    const b = fakeWindow(2, false);
    const c = fakeWindow(3, true, [true]);
    let quits = 0;
    let prevented = false;
    closing.onBeforeQuit(
      [a.window, b.window, c.window],
      () => (prevented = true),
      () => quits++,
    );
    expect(prevented).toBe(true);
    await flush();
    expect(quits).toBe(1);
    expect(a.log).toEqual(['asked']);
    expect(b.log).toEqual([]);
    expect(c.log).toEqual(['asked']);
    expect(closing.isQuitting()).toBe(true);
    // The before-quit fired by quit() now passes, and so do window closes.
    let preventedAgain = false;
    closing.onBeforeQuit(
      [a.window, c.window],
      () => (preventedAgain = true),
      () => quits++,
    );
    closing.onWindowClose(c.window, () => (preventedAgain = true));
    expect(preventedAgain).toBe(false);
  });

  it('cancels the whole quit when any window says Cancel', async () => {
    const closing = createCloseCoordinator();
    const a = fakeWindow(1, true, [true]);
    const b = fakeWindow(2, true, [false]);
    const c = fakeWindow(3, true, [true]);
    let quits = 0;
    closing.onBeforeQuit(
      [a.window, b.window, c.window],
      () => undefined,
      () => quits++,
    );
    await flush();
    expect(quits).toBe(0);
    expect(c.log).toEqual([]);
    expect(closing.isQuitting()).toBe(false);
  });

  it('quits immediately when nothing is dirty', () => {
    const closing = createCloseCoordinator();
    let prevented = false;
    closing.onBeforeQuit(
      [fakeWindow(1, false).window],
      () => (prevented = true),
      () => undefined,
    );
    expect(prevented).toBe(false);
    expect(closing.isQuitting()).toBe(true);
  });
});

describe('reply tracker', () => {
  it('matches replies to requests and ignores unknown ids', async () => {
    const tracker = createReplyTracker<boolean>();
    const sent: number[] = [];
    const first = tracker.request((id) => sent.push(id));
    const second = tracker.request((id) => sent.push(id));
    expect(sent).toHaveLength(2);
    expect(tracker.reply(999, true)).toBe(false);
    expect(tracker.reply(sent[1] as number, false)).toBe(true);
    expect(tracker.reply(sent[1] as number, true)).toBe(false);
    tracker.settleAll(true);
    expect(await first).toBe(true);
    expect(await second).toBe(false);
  });
});
