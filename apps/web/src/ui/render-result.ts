/**
 * Turns an experiment result into DOM: headline, a facts table, and charts rendered to SVG.
 */
import { escapeHtml, renderSvg } from '@losslens/plot';
import type { ExperimentResult } from '../experiment.js';

/** Renders the result's charts and fills `target` with the result (replacing its content). */
export async function renderResult(target: HTMLElement, result: ExperimentResult): Promise<void> {
  const rows = result.facts
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td data-fact="${escapeHtml(f.id)}">${escapeHtml(f.value)}</td></tr>`)
    .join('');
  const charts = await Promise.all(
    result.charts.map(
      async (c) => `<figure class="chart">${await renderSvg(c.spec)}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
    ),
  );
  target.innerHTML = `
    <p class="headline" data-headline>${escapeHtml(result.headline)}</p>
    <table class="facts"><tbody>${rows}</tbody></table>
    <div class="charts">${charts.join('')}</div>
    ${result.html ?? ''}`;
  if (result.download !== undefined) {
    const { label, fileName, type, content } = result.download;
    const link = document.createElement('a');
    link.className = 'download';
    link.id = 'download';
    link.download = fileName;
    link.textContent = label;
    // A blob: URL, built in the page: the report never leaves the browser.
    link.href = URL.createObjectURL(new Blob([content], { type }));
    target.prepend(link);
  }
}
