import type { ChainruleBridge } from '../../shared/ipc';
import { createBrowserHost } from './browserHost';
import type { DocumentHost } from './DocumentHost';
import { createElectronHost } from './electronHost';

let host: DocumentHost | undefined;

/**
 * The host for wherever the renderer runs: the Electron bridge when the preload exposed
 * `window.chainrule`, the plain-browser host otherwise. Created once (hosts install window
 * listeners), so every caller shares it.
 * @example const host = detectHost(); host.setTitle('Untitled.graph', false);
 */
export function detectHost(): DocumentHost {
  if (host === undefined) {
    const bridge = (window as Window & { chainrule?: ChainruleBridge }).chainrule;
    host = bridge === undefined ? createBrowserHost() : createElectronHost(bridge);
  }
  return host;
}
