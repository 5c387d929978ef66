#!/usr/bin/env node
/**
 * Writes `src/version.ts` from package.json for each package that registers a plugin (and the
 * CLI, for `--version`), so the version a plugin registers under is the published one (no hand-kept constants). Runs after
 * `changeset version` (root script `version-packages`); a test fails when a file is stale.
 * Usage: node scripts/sync-versions.mjs [root]   (default: this repository)
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');

/** The text of a package's version.ts. */
export function versionSource(name, version) {
  return `/** ${name}'s version, written from its package.json by scripts/sync-versions.mjs (do not edit). */\nexport const packageVersion = '${version}';\n`;
}

for (const group of ['packages', 'apps']) {
  for (const entry of readdirSync(join(root, group))) {
    const folder = join(root, group, entry);
    const manifest = join(folder, 'package.json');
    const wanted = existsSync(join(folder, 'src', 'plugin.ts')) || existsSync(join(folder, 'src', 'bin.ts'));
    if (!existsSync(manifest) || !wanted) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8'));
    const target = join(folder, 'src', 'version.ts');
    const text = versionSource(name, version);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  }
}
