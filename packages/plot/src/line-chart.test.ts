import { describe, expect, it, vi } from 'vitest';
import { lineChart } from './line-chart.js';
import { renderSvg } from './render-svg.js';

const count = (svg: string, role: string): number => svg.split(`aria-roledescription="${role}"`).length - 1;

describe('lineChart', () => {
  it('draws one line and one point per finite sample, with axis titles and a legend', async () => {
    const svg = await renderSvg(
      lineChart({
        title: 'Training loss',
        series: [
          { name: 'train', points: [[1, 0.9], [2, 0.5], [3, 0.3]] },
          { name: 'validation', points: [[1, 1.0], [2, Number.NaN], [3, 0.6]] },
        ],
        x: { title: 'epoch' },
        y: { title: 'loss' },
      }),
    );
    expect(count(svg, 'line mark')).toBe(2);
    expect(count(svg, 'point')).toBe(5); // the NaN sample is left out
    expect(svg).toContain("X-axis titled 'epoch'");
    expect(svg).toContain("Y-axis titled 'loss'");
    expect(svg).toContain("Title text 'Training loss'");
    expect(svg).toMatch(/legend.*2 values: train, validation/);
    expect(svg).toContain('aria-label="epoch: 2; loss: 0.5; series: train; order: 1"');
  });

  it('uses a log scale and drops non-positive values on it', async () => {
    const svg = await renderSvg(
      lineChart({
        title: 'loss',
        series: [{ name: 'a', points: [[1, 10], [2, 0], [3, 0.1]] }],
        x: { title: 'epoch' },
        y: { title: 'loss', scale: 'log' },
      }),
    );
    expect(svg).toMatch(/Y-axis titled 'loss' for a log scale/);
    expect(count(svg, 'point')).toBe(2);
  });

  it('draws a labelled rule per vertical mark', async () => {
    const svg = await renderSvg(
      lineChart({
        title: 'loss',
        series: [{ name: 'train', points: [[0, 1], [4, 0.2]] }],
        x: { title: 'epoch' },
        y: { title: 'loss' },
        marks: [
          { x: 1, label: 'best' },
          { x: 3, label: 'early stop' },
        ],
      }),
    );
    expect(count(svg, 'rule mark')).toBe(2);
    expect(svg).toMatch(/>best<\/text>/);
    expect(svg).toMatch(/>early stop<\/text>/);
  });

  it('keeps the data inline in the spec', () => {
    const spec = lineChart({ title: 't', series: [{ name: 's', points: [[1, 2]] }], x: { title: 'x' }, y: { title: 'y' } });
    expect(JSON.stringify(spec)).toContain('"values":[{"series":"s","x":1,"y":2,"order":0}]');
    expect(JSON.stringify(spec)).not.toContain('"url"');
  });

  it('draws a log axis without Vega-Lite warnings on stderr', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const svg = await renderSvg(lineChart({ title: 'log', series: [{ name: 'a', points: [[1, 0.1], [2, 1], [3, 10]] }], x: { title: 'x' }, y: { title: 'y', scale: 'log' } }));
      expect(svg).toMatch(/<svg/);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
