import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'graph-runtime', include: ['src/**/*.test.ts'] },
});
