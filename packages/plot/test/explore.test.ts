import { test } from 'vitest';
import { barChart, histogramChart, lineChart, renderSvg, scatterChart } from '../src/index.ts';
test('x', async () => {
  const b = await renderSvg(barChart({ title: 'B', bars: [{ label: '16', value: 1, group: 'g' }, { label: '16', value: 2, group: 'h' }, { label: '32', value: 3, group: 'g' }], x: { title: 'bs' }, y: { title: 'loss' } }));
  console.log(b.match(/aria-roledescription="[^"]*"/g));
  const h = await renderSvg(histogramChart({ title: 'H', values: [-2, 0, 2], bins: 4, x: { title: 'eig' }, marks: [{ x: 0, label: 'zero' }] }));
  console.log(h.match(/aria-roledescription="[^"]*"/g), h.match(/aria-label="[^"]*"/g));
  const l = await renderSvg(lineChart({ title: 'L', series: [{ name: 'a', points: [[1, 1], [2, 2]] }], x: { title: 'epoch' }, y: { title: 'loss' }, marks: [{ x: 1.5, label: 'best' }] }));
  console.log(l.match(/aria-roledescription="[^"]*"/g), l.match(/<text[^>]*>[^<]*<\/text>/g)?.slice(-4));
});
