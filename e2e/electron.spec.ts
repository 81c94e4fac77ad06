import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

/**
 * The desktop app itself, through Playwright's Electron driver: open a file from the command
 * line, edit, save in place, and close a dirty window through Save / Don't Save / Cancel.
 *
 * It needs an Electron binary, which cannot be downloaded here: it uses
 * ELECTRON_OVERRIDE_DIST_PATH (a folder holding the `electron` executable) or the one the
 * electron package installed, and otherwise skips with one line saying so.
 */

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const appDir = path.join(repoRoot, 'apps', 'desktop');

function executableIn(dist: string): string {
  if (process.platform === 'darwin') return path.join(dist, 'Electron.app/Contents/MacOS/Electron');
  return path.join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
}

/** The Electron executable to drive, or why there is none. */
function findElectron(): { path: string } | { reason: string } {
  // electron-vite's own variable, so `ELECTRON_EXEC_PATH=… npm start` and this spec agree.
  const executable = process.env.ELECTRON_EXEC_PATH;
  if (executable) {
    return existsSync(executable)
      ? { path: executable }
      : { reason: `ELECTRON_EXEC_PATH points at nothing: ${executable}` };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = executableIn(override);
    return existsSync(candidate)
      ? { path: candidate }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${candidate}` };
  }
  // The electron package records its binary in path.txt once its download succeeded.
  const packageDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (existsSync(pathFile)) {
    const candidate = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(candidate)) return { path: candidate };
  }
  return {
    reason:
      'no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder or ELECTRON_EXEC_PATH to its executable)',
  };
}

const found = findElectron();
const skipReason = 'reason' in found ? `Electron e2e skipped: ${found.reason}` : '';
test.skip('reason' in found, skipReason);
// The list reporter shows a skipped test but not why: say it once, when the runner collects tests.
if (skipReason !== '' && process.env.TEST_WORKER_INDEX === undefined) console.log(skipReason);

let app: ElectronApplication;
let workDir = '';
let documentPath = '';

test.beforeAll(async () => {
  if (!('path' in found)) return;
  if (!existsSync(path.join(appDir, 'out', 'main', 'index.js'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: appDir, stdio: 'inherit' });
  }
  workDir = await mkdtemp(path.join(tmpdir(), 'chainrule-electron-'));
  documentPath = path.join(workDir, 'seed.graph');
  await copyFile(path.join(repoRoot, 'examples', 'seed.graph'), documentPath);
  app = await electron.launch({
    executablePath: found.path,
    args: [appDir, documentPath],
    env: { ...process.env, CHAINRULE_USER_DATA: path.join(workDir, 'profile') },
  });
});

test.afterAll(async () => {
  await app?.close().catch(() => undefined);
});

/** Replaces main's message boxes with a scripted answer (0 Save, 1 Don't Save, 2 Cancel). */
async function answerMessageBoxes(response: number) {
  await app.evaluate(({ dialog }, answer) => {
    dialog.showMessageBox = (async () => ({ response: answer, checkboxChecked: false })) as never;
  }, response);
}

test('opens from the command line, saves in place, and guards closing a dirty window', async () => {
  const window = await app.firstWindow();
  await expect(window.getByTestId('document-name')).toContainText('seed.graph');
  await expect.poll(() => window.title()).toBe('seed.graph — Chainrule');

  // The page is sandboxed: no Node, and the bridge is named functions only.
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
    'undefined',
  );
  expect(
    await window.evaluate(() =>
      Object.entries((window as unknown as { chainrule: Record<string, unknown> }).chainrule)
        .filter(([, value]) => typeof value !== 'function' && typeof value !== 'string')
        .map(([key]) => key),
    ),
  ).toEqual([]);
  expect(window.url()).toBe('app://chainrule/index.html');

  const value = window.getByLabel('Value of a', { exact: true });
  await value.fill('7');
  await value.press('Tab');
  await expect.poll(() => window.title()).toBe('• seed.graph — Chainrule');

  await window.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => window.title()).toBe('seed.graph — Chainrule');
  const saved = JSON.parse(await readFile(documentPath, 'utf8')) as {
    nodes: { id: string; params?: { value?: number } }[];
  };
  expect(saved.nodes.find((node) => node.id === 'a')?.params?.value).toBe(7);
  const savedText = await readFile(documentPath, 'utf8');

  await value.fill('8');
  await value.press('Tab');
  await expect.poll(() => window.title()).toBe('• seed.graph — Chainrule');

  // Cancel keeps the window and the edit.
  await answerMessageBoxes(2);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await window.waitForTimeout(500);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  await expect(value).toHaveValue('8');

  // Don't Save closes it and leaves the file as last saved.
  await answerMessageBoxes(1);
  const closed = window.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await closed;
  expect(await readFile(documentPath, 'utf8')).toBe(savedText);
});
