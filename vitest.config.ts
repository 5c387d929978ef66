import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'docs'],
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
