import path from 'node:path';

/** The custom scheme the renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';
/** The one host under {@link APP_SCHEME}; the renderer's origin is `app://chainrule`. */
export const APP_HOST = 'chainrule';
/** The renderer's origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.graph': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where an `app://` request leads. */
export type AppRequestTarget =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404 };

/** True for a URL on the app's own origin (exact scheme and host, no credentials or port). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an `app://chainrule/…` request to a file inside `rootDir`, refusing anything that would
 * escape it (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL) or any other host.
 *
 * @example resolveAppRequest('app://chainrule/assets/index.js', '/opt/app/out/renderer')
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequestTarget {
  if (!isAppUrl(url)) return { kind: 'refused', status: 403 };
  const { pathname } = new URL(url);
  // Encoded separators have no legitimate use in an asset URL and only serve to smuggle paths.
  if (/%2f|%5c/i.test(pathname)) return { kind: 'refused', status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (decoded.includes('\u0000') || decoded.includes('\\')) return { kind: 'refused', status: 403 };
  // Reject traversal outright instead of normalising it away: no legitimate asset URL has it.
  if (decoded.split('/').some((segment) => segment === '..')) {
    return { kind: 'refused', status: 403 };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...relative.split('/'));
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return { kind: 'refused', status: 403 };
  }
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (contentType === undefined) return { kind: 'refused', status: 404 };
  return { kind: 'file', path: file, contentType };
}
