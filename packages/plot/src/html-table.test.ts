import { expect, it } from 'vitest';
import { htmlTable } from './html-table.js';

it('escapes every cell, right-aligns numeric columns and pads short rows', () => {
  const html = htmlTable({ header: ['run', 'loss'], rows: [['<b>a</b>', '0.5'], ['b']], numeric: [1], caption: 'x & y' });
  expect(html).toBe(
    '<table><caption>x &amp; y</caption><thead><tr><th>run</th><th style="text-align:right">loss</th></tr></thead>' +
      '<tbody><tr><td>&lt;b&gt;a&lt;/b&gt;</td><td style="text-align:right">0.5</td></tr><tr><td>b</td><td style="text-align:right"></td></tr></tbody></table>',
  );
});
