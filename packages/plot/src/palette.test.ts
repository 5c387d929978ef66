import { describe, expect, it } from 'vitest';
import { barChart } from './bar-chart.js';
import { lineChart } from './line-chart.js';
import { OTHER_COLORS, ROLE_COLORS, seriesColors } from './palette.js';
import { renderSvg } from './render-svg.js';
import { scatterChart } from './scatter-chart.js';

const long = 'shallower mlp:32:relu (validation, trained with adam at lr 0.001)';

/** The stroke or fill of every mark of `role` in an SVG, keyed by its series from the aria-label. */
function markColors(svg: string, role: string, key = 'series'): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const m of svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="([^"]*)"[^>]*?(?:fill|stroke)="(#[0-9a-f]{6})"/g)) {
    if (m[2] !== role) continue;
    const series = new RegExp(`${key}: ([^;]*)`).exec(m[1] ?? '')?.[1];
    if (series === undefined) continue;
    if (!found.has(series)) found.set(series, new Set());
    found.get(series)!.add(m[3]!);
  }
  return found;
}

describe('ROLE_COLORS', () => {
  it('gives every role its own colour, distinct from the colours of role-less series', () => {
    const colors = Object.values(ROLE_COLORS);
    expect(new Set(colors).size).toBe(colors.length);
    for (const c of OTHER_COLORS) expect(colors).not.toContain(c);
    expect(seriesColors([{ role: 'validation' }, {}, { role: 'train' }, {}])).toEqual([ROLE_COLORS.validation, OTHER_COLORS[0], ROLE_COLORS.train, OTHER_COLORS[1]]);
    // A series named like a role takes its colour (validate's curveChart names its series so).
    expect(seriesColors([{ name: 'validation' }, { name: 'train' }, { name: 'batch 16' }, { name: 'test', color: '#000000' }])).toEqual([ROLE_COLORS.validation, ROLE_COLORS.train, OTHER_COLORS[0], '#000000']);
  });

  it('colours train and validation the same in a line chart and a bar chart, whatever their order', async () => {
    const line = await renderSvg(
      lineChart({
        title: 'l',
        series: [
          { name: 'validation', role: 'validation', points: [[1, 2], [2, 1]] },
          { name: 'train', role: 'train', points: [[1, 1], [2, 0.5]] },
        ],
        x: { title: 'x' },
        y: { title: 'y' },
      }),
    );
    const lineColors = markColors(line, 'point');
    expect(lineColors.get('train')).toEqual(new Set([ROLE_COLORS.train]));
    expect(lineColors.get('validation')).toEqual(new Set([ROLE_COLORS.validation]));
    const bars = await renderSvg(
      barChart({
        title: 'b',
        bars: [
          { label: 'a', value: 1, group: 'test' },
          { label: 'a', value: 2, group: 'train' },
          { label: 'a', value: 3, group: 'validation' },
        ],
        x: { title: 'run' },
        y: { title: 'loss' },
      }),
    );
    const barColors = markColors(bars, 'bar', 'group');
    expect(barColors.get('train')).toEqual(new Set([ROLE_COLORS.train]));
    expect(barColors.get('validation')).toEqual(new Set([ROLE_COLORS.validation]));
    expect(barColors.get('test')).toEqual(new Set([ROLE_COLORS.test]));
    const scatter = await renderSvg(scatterChart({ title: 's', points: [{ x: 0, y: 0, group: 'test' }, { x: 1, y: 1, group: 'train' }], x: { title: 'x' }, y: { title: 'y' } }));
    expect(markColors(scatter, 'point', 'group').get('test')).toEqual(new Set([ROLE_COLORS.test]));
  });
});

describe('labels are whole', () => {
  it('writes a long legend label in full, without an ellipsis', async () => {
    const svg = await renderSvg(lineChart({ title: 'l', series: [{ name: long, points: [[1, 1], [2, 2]] }, { name: 'train', role: 'train', points: [[1, 2]] }], x: { title: 'x' }, y: { title: 'y' } }));
    expect(svg).toContain(`>${long}</text>`);
    expect(svg).not.toContain('…');
  });

  it('writes long category labels in full on horizontal bars, one row each', async () => {
    const labels = ['your model: mlp:64x64:relu', 'shallower: mlp:32:relu', 'early stopping: mlp:64x64:relu (patience 5)'];
    const svg = await renderSvg(
      barChart({ title: 'b', orientation: 'horizontal', bars: labels.map((label, i) => ({ label, value: i + 1 })), x: { title: 'run' }, y: { title: 'loss' } }),
    );
    for (const label of labels) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toContain('…');
    expect(svg).toMatch(/Y-axis titled 'run' for a discrete scale with 3 values/);
    expect(svg).toMatch(/X-axis titled 'loss' for a linear scale/);
  });

  it('draws faded series thinner and translucent', () => {
    const spec = lineChart({ title: 'l', series: [{ name: 'you', points: [[1, 1]] }, { name: 'other', faded: true, dashed: true, points: [[1, 2]] }], x: { title: 'x' }, y: { title: 'y' } });
    const text = JSON.stringify(spec);
    expect(text).toContain('{"series":"you","x":1,"y":1,"order":0,"opacity":1,"width":2.5,"dash":[1,0]}');
    expect(text).toContain('{"series":"other","x":1,"y":2,"order":0,"opacity":0.45,"width":1.25,"dash":[5,3]}');
  });
});
