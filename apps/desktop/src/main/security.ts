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
