import { describe, expect, it } from 'vitest';
import { extractRegion, parseGuideBlocks } from './regions.js';

describe('parseGuideBlocks', () => {
  it('finds ts blocks with the example reference above them and skips other languages', () => {
    const md = [
      '# Page', // 1
      '<!-- example: saddle-point#main -->', // 2
      '```ts', // 3
      'const a = 1;', // 4
      '', // 5
      'const b = 2;', // 6
      '```', // 7
      '```sh', // 8
      'losslens diagnose', // 9
      '```ts', // 10: inside the sh block, not a block of its own
      '```', // 11
      'text', // 12
      '```typescript', // 13
      'x;', // 14
      '```', // 15
    ].join('\n');
    expect(parseGuideBlocks(md)).toEqual([
      { reference: 'saddle-point#main', code: 'const a = 1;\n\nconst b = 2;', line: 3 },
      { code: 'x;', line: 13 },
    ]);
  });

  it('accepts blank lines between the reference and the fence, and rejects an unclosed fence', () => {
    expect(parseGuideBlocks('<!-- example: a.test#t -->\n\n```ts\ny\n```')).toEqual([{ reference: 'a.test#t', code: 'y', line: 3 }]);
    expect(() => parseGuideBlocks('```ts\ny\n')).toThrow('unclosed code fence opened on line 1');
  });
});

describe('extractRegion', () => {
  const source = [
    'import x from "y";',
    'describe("s", () => {',
    '  // #region inner',
    '  it("a", () => {',
    '    // #region nested',
    '    expect(1).toBe(1);',
    '    // #endregion nested',
    '  });',
    '',
    '  // #endregion inner',
    '});',
  ].join('\n');

  it('dedents the region and drops nested markers and trailing blank lines', () => {
    expect(extractRegion(source, 'inner')).toBe('it("a", () => {\n  expect(1).toBe(1);\n});');
    expect(extractRegion(source, 'nested')).toBe('expect(1).toBe(1);');
  });

  it('names the problem when a region is missing, unterminated or repeated', () => {
    expect(() => extractRegion(source, 'main')).toThrow('no "// #region main"');
    expect(() => extractRegion('// #region a\nx', 'a')).toThrow('"// #region a" has no "// #endregion a"');
    expect(() => extractRegion('// #region a\n// #region a\n// #endregion a', 'a')).toThrow('"// #region a" appears twice');
  });
});
