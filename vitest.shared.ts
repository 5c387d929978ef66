/**
 * Vitest settings every project shares: workspace packages resolve to their TypeScript
 * sources, so tests never need a prior build of a sibling package.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Every folder under packages/ is a package named `@losslens/<folder>`. */
const packages = readdirSync(`${root}packages`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

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
