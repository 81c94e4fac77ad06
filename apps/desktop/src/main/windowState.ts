/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered about the main window between launches. */
export interface WindowState {
  /** Absent when the window should be centred by the OS. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** The default window: 1280×800, centred, as the canvas is designed for. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** The smallest window the canvas stays usable in. */
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/** How much of the title bar must be on a display for the window to count as reachable. */
const MIN_VISIBLE = { width: 100, height: 40 } as const;

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Parses stored window state and fits it to the displays connected *now*: a window saved on a
 * monitor that has since been unplugged must not open off-screen. Sizes are clamped to the
 * largest work area and to {@link MIN_WINDOW_SIZE}; a position whose title bar would not be
 * reachable on any display is dropped so the OS centres the window.
 *
 * @param stored the JSON text saved last time, or `null`
 * @param workAreas each display's work area (`screen.getAllDisplays().map(d => d.workArea)`)
 */
export function restoreWindowState(stored: string | null, workAreas: readonly Rect[]): WindowState {
  let raw: Record<string, unknown> = {};
  if (stored !== null) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
    } catch {
      // A corrupt file just means defaults.
    }
  }
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((a) => a.height));
  const clamp = (value: unknown, fallback: number, min: number, max: number) =>
    Math.round(Math.min(max, Math.max(min, finite(value) ? value : fallback)));
  const width = clamp(raw.width, DEFAULT_WINDOW_STATE.width, MIN_WINDOW_SIZE.width, maxWidth);
  const height = clamp(raw.height, DEFAULT_WINDOW_STATE.height, MIN_WINDOW_SIZE.height, maxHeight);
  const maximized = raw.maximized === true;

  if (!finite(raw.x) || !finite(raw.y)) return { width, height, maximized };
  const x = Math.round(raw.x);
  const y = Math.round(raw.y);
  // The title bar (top strip) is what a person grabs to move the window back.
  const titleBar: Rect = { x, y, width, height: MIN_VISIBLE.height };
  const reachable = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE.width, width) && o.height >= MIN_VISIBLE.height;
  });
  return reachable ? { x, y, width, height, maximized } : { width, height, maximized };
}

/**
 * Serialises the window's normal (un-maximised) bounds, so un-maximising next time restores the
 * size the person chose rather than the whole screen.
 */
export function serializeWindowState(normalBounds: Rect, maximized: boolean): string {
  const state: WindowState = { ...normalBounds, maximized };
  return `${JSON.stringify(state)}\n`;
}
