#!/usr/bin/env node
// The `losslens` command. Installed from npm it runs the built CLI (dist/). In this repository
// (src/ present) it runs the TypeScript source directly: tsx compiles it, and the "source"
// export condition makes the workspace packages resolve to their src/ too. No build step, and
// no package-manager wrapper adding its own lines to errors.
import { existsSync } from 'node:fs';

const source = new URL('../src/bin.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('node:module');
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  register('./source-condition.js', import.meta.url); // runs before tsx's resolver
  await import(source.href);
} else {
  await import('../dist/bin.js');
}
