import { describe, expect, it } from 'vitest';
import { histogramChart } from './histogram-chart.js';
import { renderSvg } from './render-svg.js';

const count = (svg: string, role: string): number => svg.split(`aria-roledescription="${role}"`).length - 1;

describe('histogramChart', () => {
  it('draws one rectangle per bin with numpy counts, and a labelled rule', async () => {
    // np.histogram([-2, -2, 0.5, 2], bins=4) -> counts [2, 0, 1, 1], edges [-2, -1, 0, 1, 2]
    const svg = await renderSvg(
      histogramChart({
        title: 'Hessian spectrum',
        values: [-2, -2, 0.5, 2],
        bins: 4,
        x: { title: 'eigenvalue' },
        marks: [{ x: 0, label: 'zero' }],
      }),
    );
    expect(count(svg, 'rect mark')).toBe(4);
    expect(svg).toContain('aria-label="eigenvalue: −2; count: 2; end: −1"');
    expect(svg).toContain('aria-label="eigenvalue: −1; count: 0; end: 0"');
    expect(svg).toContain("X-axis titled 'eigenvalue'");
    expect(svg).toContain("Y-axis titled 'count'");
    expect(svg).toMatch(/>zero<\/text>/);
  });

  it('plots densities when asked', () => {
    const spec = histogramChart({ title: 'd', values: [0, 1, 1, 2], bins: 2, normalize: 'density', x: { title: 'v' } });
    // np.histogram([0,1,1,2], bins=2, density=True) -> [0.25, 0.75]
    expect(JSON.stringify(spec)).toContain('"values":[{"start":0,"end":1,"height":0.25},{"start":1,"end":2,"height":0.75}]');
    expect(JSON.stringify(spec)).toContain('"title":"density"');
  });
});
