import { defineConfig } from 'vitest/config';

// One test run for every workspace: each package with tests is a vitest project.
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/desktop',
      'bench',
      // The repository's own rules: the import boundaries of eslint.config.js fire.
      { test: { name: 'repo', include: ['eslint.config.test.ts'] } },
    ],
  },
});
