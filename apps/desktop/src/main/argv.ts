import path from 'node:path';
import { hasGraphExtension } from './fileNames';

/**
 * The `.graph` files named on a command line (`chainrule-desktop net.graph`), resolved against the
 * working directory of the launch that named them (a second instance may start elsewhere).
 * Flags and anything that isn't a `.graph` name (Electron's own path, the app folder in
 * development) are skipped.
 *
 * @example graphFilesFromArgv(['/opt/Chainrule/chainrule', 'net.graph'], '/home/me') // ['/home/me/net.graph']
 */
export function graphFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  let afterDoubleDash = false;
  for (const arg of argv.slice(1)) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (arg.includes('\u0000') || !hasGraphExtension(arg)) continue;
    files.push(path.resolve(cwd, arg));
  }
  return files;
}
