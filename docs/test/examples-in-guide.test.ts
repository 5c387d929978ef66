/**
 * Guide and tested code cannot drift: every ```ts block of docs/guide/*.md names an example
 * region just above it and is byte-identical to that region; every example has a test beside it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractRegion, parseGuideBlocks } from './regions.js';

const guide = fileURLToPath(new URL('../guide/', import.meta.url));
const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const pages = readdirSync(guide).filter((f) => f.endsWith('.md')).sort();

describe('the guide shows tested code', () => {
  it('has guide pages with code', () => {
    expect(pages).toContain('index.md');
    const blocks = pages.flatMap((page) => parseGuideBlocks(readFileSync(guide + page, 'utf8')));
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  for (const page of pages) {
    it(`every ts block of ${page} equals its example region`, () => {
      for (const block of parseGuideBlocks(readFileSync(guide + page, 'utf8'))) {
        const where = `${page}:${block.line}`;
        expect(block.reference, `${where}: put <!-- example: file#region --> above the fence`).toBeDefined();
        const [file, region] = (block.reference as string).split('#') as [string, string];
        const path = `${examples}${file}.ts`;
        expect(existsSync(path), `${where}: docs/examples/${file}.ts does not exist`).toBe(true);
        const expected = extractRegion(readFileSync(path, 'utf8'), region);
        expect(block.code, `${where}: differs from docs/examples/${file}.ts#${region}`).toBe(expected);
      }
    });
  }

  it('every guide page is linked from index.md and listed in its children (the typedoc site order)', () => {
    const index = readFileSync(`${guide}index.md`, 'utf8');
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(index)?.[1] ?? '';
    const children = [...frontmatter.matchAll(/^ {2}- (\S+\.md)$/gm)].map((m) => m[1]);
    const others = pages.filter((p) => p !== 'index.md');
    expect([...children].sort()).toEqual(others);
    for (const page of others) expect(index, page).toContain(`](${page})`);
  });

  it('every example has a test beside it', () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of files) expect(existsSync(examples + file.replace(/\.ts$/, '.test.ts')), file).toBe(true);
  });
});
