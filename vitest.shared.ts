/**
 * Vitest settings every project shares: workspace packages resolve to their TypeScript
 * sources, so tests never need a prior build of a sibling package.
 */
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = ['plot', 'core', 'data', 'models', 'optim', 'critical', 'validate', 'diagnose', 'health', 'testing'];

export const shared = {
  resolve: {
    alias: packages.map((name) => ({
      find: new RegExp(`^@losslens/${name}$`),
      replacement: `${root}packages/${name}/src/index.ts`,
    })),
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
} satisfies UserWorkspaceConfig;
