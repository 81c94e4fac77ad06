/**
 * The one production Content-Security-Policy, shared by Electron's `app://` protocol handler and
 * the web build's CSP test so the two can never drift apart.
 *
 * Why each source is allowed:
 * - `script-src 'self'`: bundled modules only; no `unsafe-eval`, no inline script.
 * - `style-src 'self'`: stylesheets are extracted files in production. React and React Flow set
 *   element styles through the CSSOM (`element.style.x = …`), which CSP does not govern, and React
 *   Flow injects no `<style>` tags (xyflow/xyflow#3520: its CSS is a file the app imports), so no
 *   `'unsafe-inline'` is needed. `e2e/csp.spec.ts` proves it against the real build.
 * - `img-src`/`font-src` allow `data:` because Vite inlines small assets as data URLs.
 * - `connect-src 'self'`: the app talks to nothing on the network.
 */
export const PRODUCTION_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

/**
 * The policy as a header value.
 * @example response.headers.set('Content-Security-Policy', PRODUCTION_CSP);
 */
export const PRODUCTION_CSP: string = Object.entries(PRODUCTION_CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');
