import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { PRODUCTION_CSP } from './src/shared/csp.ts';

const renderer = fileURLToPath(new URL('./src/renderer', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The web build of the renderer: what `npm run web` serves and what the Playwright e2e drives.
 * Relative asset paths let the same bundle load from a custom protocol in Electron.
 */
export default defineConfig({
  root: renderer,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle: the app is loaded locally (app:// or preview), so splitting buys nothing.
    chunkSizeWarningLimit: 4000,
  },
  // The examples live at the repository root and are imported as raw text.
  server: { fs: { allow: [repoRoot] } },
  // The preview serves the production CSP, so every e2e run proves the app works under it.
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': PRODUCTION_CSP } },
});
