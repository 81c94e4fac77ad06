import { isAppUrl } from './appProtocol';

/**
 * The permission policy: deny everything (camera, notifications, geolocation, HID, …) except
 * writing plain text to the clipboard from our own page, which the canvas's Copy needs and which
 * Chromium already restricts to a user gesture. Reading the clipboard stays denied: Paste
 * arrives through the DOM `paste` event that Electron's native paste fires, which needs no
 * permission.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/**
 * Navigation policy: the renderer is a single page, so no top-level navigation is ever needed,
 * and a `.graph` file's content must never be able to take the window elsewhere (a link, a
 * dropped file, `location = …`). Reloads are not navigations and are unaffected.
 */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/**
 * Which pages may talk to main: our `app://chainrule` origin, plus, in development only, the
 * electron-vite dev server's exact origin (compared as an origin, so `localhost:51730` is not
 * mistaken for `localhost:5173`).
 */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined): boolean {
  if (isAppUrl(url)) return true;
  if (devServerUrl === undefined) return false;
  try {
    return new URL(url).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
