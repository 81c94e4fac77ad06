import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from './electron-preflight.mjs';

const electronDir = '/repo/node_modules/electron';
const base = {
  env: {},
  electronDir,
  exists: () => false,
  readText: (file: string) =>
    file.endsWith('package.json') ? JSON.stringify({ version: '45.5.0' }) : null,
  nodeVersion: 'v22.12.0',
  platform: 'linux',
  arch: 'x64',
};

describe('the npm start preflight', () => {
  it('finds the binary the electron package installed', () => {
    const found = findElectron({
      ...base,
      readText: (file) => (file.endsWith('path.txt') ? 'electron' : base.readText(file)),
      exists: (file) => file === path.join(electronDir, 'dist', 'electron'),
    });
    expect(found).toEqual({ ok: true, path: path.join(electronDir, 'dist', 'electron') });
  });

  it('uses ELECTRON_EXEC_PATH when it names a file, and says so when it does not', () => {
    expect(
      findElectron({
        ...base,
        env: { ELECTRON_EXEC_PATH: '/opt/e' },
        exists: (f) => f === '/opt/e',
      }),
    ).toEqual({ ok: true, path: '/opt/e' });
    const missing = findElectron({ ...base, env: { ELECTRON_EXEC_PATH: '/opt/none' } });
    expect(missing.ok === false && missing.message).toContain(
      'ELECTRON_EXEC_PATH is set to /opt/none, but there is no file there.',
    );
  });

  it('without a binary: says where it comes from and the three ways forward', () => {
    const found = findElectron(base);
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.message).toContain('the 45.5.0\n  binary for linux-x64');
    expect(found.message).toContain('https://github.com/electron/electron/releases');
    expect(found.message).toContain('node node_modules/electron/install.js');
    expect(found.message).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm start');
    expect(found.message).toContain('npm run web');
    expect(found.message).not.toContain('Node 22.12 or newer');
  });

  it('names an old Node as a likely cause', () => {
    const found = findElectron({ ...base, nodeVersion: 'v20.19.0' });
    expect(found.ok === false && found.message).toContain(
      "This is Node v20.19.0; Electron's installer needs Node 22.12 or newer",
    );
  });

  it('as a script: exits 1 with the message, instead of electron-vite’s "Electron uninstall"', () => {
    const script = path.join(import.meta.dirname, 'electron-preflight.mjs');
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [script], {
        env: { ...process.env, ELECTRON_EXEC_PATH: '/nonexistent/electron' },
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain(
      'Chainrule: the desktop app cannot start, because Electron is missing.',
    );
    execFileSync(process.execPath, [script], {
      env: { ...process.env, ELECTRON_EXEC_PATH: process.execPath },
    });
  });
});
