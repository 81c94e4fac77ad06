import { defineProject } from 'vitest/config';

// Renderer logic (store, formatting, runtime binding) and the shell's main-process services are
// plain TypeScript, so they are tested in Node; the React UI is covered by the Playwright e2e.
export default defineProject({
  test: {
    name: 'desktop',
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
});
