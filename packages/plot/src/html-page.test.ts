import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage } from './html-page.js';
import { lineChart } from './line-chart.js';
import { renderSvg } from './render-svg.js';

describe('htmlPage', () => {
  it('escapes the title and headings but keeps section HTML', () => {
    const html = htmlPage({
      title: 'Loss <script>alert("x")</script> & co',
      sections: [{ heading: "it's <b>", html: '<p class="keep">raw</p>' }],
    });
    expect(html).toContain('<title>Loss &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>');
    expect(html).toContain('<h2>it&#39;s &lt;b&gt;</h2>');
    expect(html).toContain('<p class="keep">raw</p>');
    expect(html).not.toContain('<script');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('is self-contained: inline CSS and SVG, no external references', async () => {
    const svg = await renderSvg(
      lineChart({ title: 'loss', series: [{ name: 'train', points: [[1, 1], [2, 0.5]] }], x: { title: 'epoch' }, y: { title: 'loss' } }),
    );
    const html = htmlPage({ title: 'Report', sections: [{ heading: 'Loss', html: svg }] });
    expect(html).toContain('<style>');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<link|<script|<img|<iframe|\ssrc=|url\(|@import/i);
    // The only http addresses are the SVG namespace names, which are never fetched.
    const addresses = [...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]);
    expect(new Set(addresses)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).not.toMatch(/href="(?!#)/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
