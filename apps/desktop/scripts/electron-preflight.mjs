// Runs before `npm start`: finds the Electron binary electron-vite will launch, and when there
// is none, says what happened and what to do instead of electron-vite's bare
// "Error: Electron uninstall".
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node version Electron 45's installer (`@electron/get`) declares it needs. */
export const INSTALLER_NODE = [22, 12];

/**
 * Where the Electron binary is, or a message saying why there is none and what to do.
 * Pure: everything it looks at is passed in, so it is tested without a real install.
 * @param {{
 *   env: Record<string, string | undefined>,
 *   electronDir: string | null,
 *   exists: (file: string) => boolean,
 *   readText: (file: string) => string | null,
 *   nodeVersion: string,
 *   platform: string,
 *   arch: string,
 * }} input
 * @returns {{ ok: true, path: string } | { ok: false, message: string }}
 */
export function findElectron(input) {
  const { env, electronDir, exists, readText, nodeVersion, platform, arch } = input;
  const override = env.ELECTRON_EXEC_PATH;
  if (override !== undefined && override !== '') {
    if (exists(override)) return { ok: true, path: override };
    return {
      ok: false,
      message: explain(`ELECTRON_EXEC_PATH is set to ${override}, but there is no file there.`),
    };
  }
  if (electronDir === null) {
    return {
      ok: false,
      message: explain('The `electron` package is not installed (run `npm install` first).'),
    };
  }
  const relative = readText(path.join(electronDir, 'path.txt'));
  if (relative !== null && relative.trim() !== '') {
    const binary = path.join(electronDir, 'dist', relative.trim());
    if (exists(binary)) return { ok: true, path: binary };
  }
  const version = readText(path.join(electronDir, 'package.json'));
  const electronVersion = version === null ? 'its' : `the ${JSON.parse(version).version}`;
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const oldNode =
    major < INSTALLER_NODE[0] || (major === INSTALLER_NODE[0] && minor < INSTALLER_NODE[1])
      ? [
          `This is Node ${nodeVersion}; Electron's installer needs Node ${INSTALLER_NODE.join('.')} or newer,`,
          'which may be why. The library, the CLI, the tests and `npm run web` work on Node 20.19+.',
        ]
      : [];
  return {
    ok: false,
    message: explain(
      [
        `The Electron binary is not installed. The \`electron\` npm package downloads ${electronVersion}`,
        `binary for ${platform}-${arch} (about 100 MB) from https://github.com/electron/electron/releases`,
        'in its install script, and that did not happen here: the machine may be offline or behind',
        'a proxy, or install scripts were skipped (`npm install --ignore-scripts`).',
        ...oldNode,
      ].join('\n'),
    ),
  };
}

/** The whole message: what happened, then the three ways forward. */
function explain(what) {
  const lines = [
    'Chainrule: the desktop app cannot start, because Electron is missing.',
    '',
    ...what.split('\n').map((line) => `  ${line}`),
    '',
    '  What you can do instead:',
    '  - download the binary now:   node node_modules/electron/install.js',
    '    (from a mirror: ELECTRON_MIRROR=https://your.mirror/electron/ node node_modules/electron/install.js)',
    '  - use an Electron 45 you already have:',
    '                               ELECTRON_EXEC_PATH=/path/to/electron npm start',
    '  - run the same app in a browser, no Electron needed:',
    '                               npm run web',
  ];
  return lines.join('\n');
}

/** Where the `electron` package is installed, or `null`. */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const found = findElectron({
    env: process.env,
    electronDir: electronPackageDir(),
    exists: existsSync,
    readText: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
  });
  if (!found.ok) {
    console.error(found.message);
    process.exit(1);
  }
}
