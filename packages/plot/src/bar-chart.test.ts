import { describe, expect, it } from 'vitest';
import { barChart } from './bar-chart.js';
import { renderSvg } from './render-svg.js';

const count = (svg: string, role: string): number => svg.split(`aria-roledescription="${role}"`).length - 1;

describe('barChart', () => {
  it('draws one bar per entry, grouped side by side, labels in the given order', async () => {
    const svg = await renderSvg(
      barChart({
        title: 'Loss by batch size',
        bars: [
          { label: '256', value: 0.5, group: 'train' },
          { label: '256', value: 0.6, group: 'validation' },
          { label: '16', value: 0.3, group: 'train' },
          { label: '16', value: 0.35, group: 'validation' },
        ],
        x: { title: 'batch size' },
        y: { title: 'loss' },
      }),
    );
    expect(count(svg, 'bar')).toBe(4);
    expect(svg).toContain("X-axis titled 'batch size'");
    expect(svg).toContain("Y-axis titled 'loss'");
    expect(svg).toMatch(/X-axis.*with 2 values: 256, 16/);
    expect(svg).toMatch(/legend.*2 values: train, validation/);
  });

  it('starts a linear value axis at zero', async () => {
    const svg = await renderSvg(
      barChart({ title: 'b', bars: [{ label: 'a', value: 5 }, { label: 'b', value: 6 }], x: { title: 'k' }, y: { title: 'v' } }),
    );
    expect(count(svg, 'bar')).toBe(2);
    expect(svg).toMatch(/Y-axis titled 'v' for a linear scale with values from 0 to 6/);
  });
});
