import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * electron-vite builds the three processes into `out/`: main (ESM, Node), preload (one CommonJS
 * file, because a sandboxed preload cannot load modules) and the renderer (the same React app
 * as the web build, served to the window from app://).
 */
export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      // The workspace packages are TypeScript sources: bundle them instead of requiring them.
      externalizeDeps: {
        exclude: [
          '@chainrule/files',
          '@chainrule/graph-runtime',
          '@chainrule/nodes',
          '@chainrule/learn',
          'rxjs',
        ],
      },
      rollupOptions: { input: { index: here('./src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('./out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: here('./src/renderer/index.html') } },
    },
  },
});
