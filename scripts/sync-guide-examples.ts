/**
 * Rewrites every ```ts block of docs/guide/*.md that has an `<!-- example: file#region -->`
 * marker with that region of docs/examples/file.ts (the drift test then passes by construction).
 * Usage: npx tsx scripts/sync-guide-examples.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractRegion } from '../docs/test/regions.ts';

const guide = join(import.meta.dirname, '..', 'docs', 'guide');
const examples = join(import.meta.dirname, '..', 'docs', 'examples');
for (const page of readdirSync(guide).filter((f) => f.endsWith('.md'))) {
  const path = join(guide, page);
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!--\s*example:\s*([\w./-]+)#([\w-]+)\s*-->$/.exec(lines[i]!.trim());
    if (marker === null) continue;
    const open = lines.findIndex((l, j) => j > i && /^```(ts|typescript)\s*$/.test(l));
    const close = lines.findIndex((l, j) => j > open && /^```\s*$/.test(l));
    const region = extractRegion(readFileSync(join(examples, `${marker[1]}.ts`), 'utf8'), marker[2]!);
    lines.splice(open + 1, close - open - 1, ...region.split('\n'));
  }
  writeFileSync(path, lines.join('\n'));
}
