/**
 * Ties the guide to tested code: a ```ts block in a guide page is preceded by
 * `<!-- example: file#region -->` and must equal that region of `docs/examples/file.ts`,
 * marked there by `// #region region` … `// #endregion region`.
 */

/** One fenced TypeScript block of a Markdown page. */
export interface GuideBlock {
  /** `file#region` from the `<!-- example: … -->` comment just above the fence, if any. */
  reference?: string;
  /** The block's text, without the fences and without a trailing newline. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

const MARKER = /^<!--\s*example:\s*([\w./-]+#[\w-]+)\s*-->$/;
const OPEN = /^```(ts|typescript)\s*$/;

/**
 * The ```ts / ```typescript blocks of a Markdown text with the example reference above each.
 * @example
 * parseGuideBlocks('<!-- example: a#main -->\n```ts\nx;\n```\n'); // [{ reference: 'a#main', code: 'x;', line: 2 }]
 */
export function parseGuideBlocks(markdown: string): GuideBlock[] {
  const lines = markdown.split('\n');
  const blocks: GuideBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^```/.test(line) && !OPEN.test(line)) {
      i = closingFence(lines, i); // skip other languages' blocks whole
      continue;
    }
    if (!OPEN.test(line)) continue;
    const end = closingFence(lines, i);
    let above = i - 1;
    while (above >= 0 && (lines[above] as string).trim() === '') above--;
    const match = above >= 0 ? MARKER.exec((lines[above] as string).trim()) : null;
    blocks.push({ ...(match ? { reference: match[1] as string } : {}), code: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

function closingFence(lines: readonly string[], open: number): number {
  for (let j = open + 1; j < lines.length; j++) if (/^```\s*$/.test(lines[j] as string)) return j;
  throw new Error(`unclosed code fence opened on line ${open + 1}`);
}

/**
 * The text between `// #region name` and `// #endregion name`, without other region marker
 * lines, dedented by the common indentation, without a trailing newline.
 * @example
 * extractRegion('// #region a\n  x;\n// #endregion a\n', 'a'); // 'x;'
 */
export function extractRegion(source: string, name: string): string {
  const lines = source.split('\n');
  const marker = (kind: 'region' | 'endregion') => (l: string) => new RegExp(`^\\s*//\\s*#${kind}\\s+${name}\\s*$`).test(l);
  const start = lines.findIndex(marker('region'));
  if (start < 0) throw new Error(`no "// #region ${name}"`);
  if (lines.findIndex((l, i) => i > start && marker('region')(l)) >= 0) throw new Error(`"// #region ${name}" appears twice`);
  const end = lines.findIndex((l, i) => i > start && marker('endregion')(l));
  if (end < 0) throw new Error(`"// #region ${name}" has no "// #endregion ${name}"`);
  const body = lines.slice(start + 1, end).filter((l) => !/^\s*\/\/\s*#(end)?region\b/.test(l));
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length));
  return body.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').replace(/\n+$/, '');
}
