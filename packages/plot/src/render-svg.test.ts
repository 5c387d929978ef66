import { describe, expect, it } from 'vitest';
import { renderSvg } from './render-svg.js';
import { scatterChart } from './scatter-chart.js';
import type { ChartSpec } from './axis.js';

describe('renderSvg', () => {
  it('renders in Node without a canvas, at the requested plot size, the same way twice', async () => {
    const spec = scatterChart({
      title: 'size',
      width: 300,
      height: 120,
      points: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
      x: { title: 'a' },
      y: { title: 'b' },
    });
    const svg = await renderSvg(spec);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('d="M0.5,0.5h300v120h-300Z"'); // the plot frame
    expect(await renderSvg(spec)).toBe(svg);
  });

  it('rejects a spec Vega-Lite cannot compile', async () => {
    await expect(renderSvg({ mark: 'no-such-mark' } as unknown as ChartSpec)).rejects.toThrow(/^renderSvg: Vega-Lite could not compile the spec/);
  });
});
