import { defineConfig, devices } from '@playwright/test';

// Overridable so two checkouts (or two people on one machine) can run the suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const VITE = '../../node_modules/.bin/vite';
const OUT_DIR = `../../dist/e2e-${PORT}`;

/**
 * One config for every e2e spec. The renderer is built and served by `vite preview` (with the
 * production CSP), and driven in the system's Chromium at the size the app is designed for.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores are shared with other work: one browser at a time keeps timings honest.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    // Always a fresh build of the current sources: a server left running from an older build
    // would test stale code. E2E_REUSE_SERVER=1 reuses one on purpose (e.g. `npm run web`).
    // Its own output folder per port, so a concurrent `npm run web` cannot swap files under it.
    // `exec` (and no npx wrapper) so stopping the server's shell stops the server itself.
    // (vite resolves --outDir against its root, src/renderer: hence the ../../ to apps/desktop/dist.)
    command: `${VITE} build --outDir ${OUT_DIR} --emptyOutDir && exec ${VITE} preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    cwd: '../apps/desktop',
    url: `http://localhost:${PORT}`,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
