import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_SIZE,
  restoreWindowState,
  serializeWindowState,
} from './windowState';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('round-trips a window on a connected display', () => {
    const saved = serializeWindowState({ x: 100, y: 50, width: 1000, height: 700 }, true);
    expect(restoreWindowState(saved, [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('uses defaults when nothing or garbage is stored', () => {
    expect(restoreWindowState(null, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState('{oops', [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState('{"width":"wide","x":null}', [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops the position of a window saved on a monitor that is gone', () => {
    const saved = serializeWindowState({ x: 2000, y: 200, width: 1200, height: 800 }, false);
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toMatchObject({ x: 2000, y: 200 });
    const unplugged = restoreWindowState(saved, [laptop]);
    expect(unplugged).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops a position whose title bar is above the screen', () => {
    const saved = serializeWindowState({ x: 10, y: -500, width: 1000, height: 700 }, false);
    expect(restoreWindowState(saved, [laptop]).x).toBeUndefined();
  });

  it('clamps sizes to the largest display and the minimum', () => {
    const huge = serializeWindowState({ x: 0, y: 0, width: 9000, height: 9000 }, false);
    expect(restoreWindowState(huge, [laptop])).toMatchObject({ width: 1440, height: 900 });
    const tiny = serializeWindowState({ x: 0, y: 0, width: 5, height: 5 }, false);
    expect(restoreWindowState(tiny, [laptop])).toMatchObject(MIN_WINDOW_SIZE);
  });
});
