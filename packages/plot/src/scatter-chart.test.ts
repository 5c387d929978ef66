import { describe, expect, it } from 'vitest';
import { renderSvg } from './render-svg.js';
import { scatterChart } from './scatter-chart.js';

const count = (svg: string, role: string): number => svg.split(`aria-roledescription="${role}"`).length - 1;

describe('scatterChart', () => {
  it('draws one point per sample, colored by group with a legend', async () => {
    const svg = await renderSvg(
      scatterChart({
        title: 'Curve fit',
        points: [
          { x: 0, y: 1, group: 'data' },
          { x: 1, y: 2, group: 'data' },
          { x: 2, y: 1.5, group: 'fit' },
          { x: Number.POSITIVE_INFINITY, y: 1, group: 'fit' },
        ],
        x: { title: 'input x' },
        y: { title: 'target y' },
      }),
    );
    expect(count(svg, 'point')).toBe(3);
    expect(svg).toContain("X-axis titled 'input x'");
    expect(svg).toContain("Y-axis titled 'target y'");
    expect(svg).toMatch(/legend.*2 values: data, fit/);
  });

  it('has no legend when no point has a group', async () => {
    const svg = await renderSvg(
      scatterChart({ title: 's', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], x: { title: 'a' }, y: { title: 'b' } }),
    );
    expect(count(svg, 'point')).toBe(2);
    expect(count(svg, 'legend')).toBe(0);
  });
});
