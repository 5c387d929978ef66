import { expect, it } from 'vitest';
import { treeHtml } from './report.js';

it('highlights exactly the nodes on the verdict path', () => {
  const html = treeHtml(['training-loss-small', 'testing-loss-large', 'mismatch']);
  const on = [...html.matchAll(/<span class="node on">([^<]*)<\/span>/g)].map((m) => m[1]);
  expect(on).toEqual(['training loss small', 'testing loss large', 'mismatch → understand how the test data were made']);
  expect([...html.matchAll(/class="node"/g)]).toHaveLength(6);
});
