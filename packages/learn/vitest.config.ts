import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'learn', include: ['src/**/*.test.ts'] },
});
