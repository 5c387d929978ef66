/**
 * The training-health part of a diagnosis report: the detectors table (fired or not, value,
 * threshold), the fixes tried, and the per-layer gradient-norm, update/weight and activation
 * plots over epochs of the recorded re-run. Empty when `diagnose/training-health` did not run.
 */
import { formatDetections, healthCharts, type Detection } from '@losslens/health';
import { escapeHtml, renderSvg, type PageSection } from '@losslens/plot';
import type { Diagnosis } from './diagnose.js';
import { repairSentence } from './health-evidence.js';

const num = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));

/**
 * The Markdown lines of the training-health section (none when the check did not run).
 * @example
 * lines.push(...healthMarkdown(diagnosis));
 */
export function healthMarkdown(d: Diagnosis): string[] {
  const h = d.measurements.health;
  if (h === undefined) return [];
  const lines = ['## Training health', '', `Detectors on a recorded re-run of your settings (seed ${h.seed}, ${h.epochs} epochs):`, ''];
  lines.push(formatDetections(h.detections as unknown as Detection[]).trimEnd(), '');
  if (h.repairs.length > 0) {
    lines.push('Fixes tried (a fix counts only when every seed beats every seed without it):', '');
    for (const r of h.repairs) lines.push(`- ${repairSentence(r)}`);
    lines.push('');
  }
  if (h.repairSkipped !== undefined) lines.push(`${h.repairSkipped[0]!.toUpperCase()}${h.repairSkipped.slice(1)}.`, '');
  return lines;
}

/**
 * The HTML sections of the training-health part (none when the check did not run).
 * @example
 * sections.push(...(await healthSections(diagnosis)));
 */
export async function healthSections(d: Diagnosis): Promise<PageSection[]> {
  const h = d.measurements.health;
  if (h === undefined) return [];
  const rows = h.detections
    .map(
      (x) =>
        `<tr${x.fired ? ' style="background:#fee;font-weight:600"' : ''}><td>${escapeHtml(x.detector)}</td><td>${x.fired ? 'yes' : 'no'}</td><td>${num(x.value)}</td><td>${num(x.threshold)}</td><td style="font-weight:normal">${escapeHtml(x.finding)}</td></tr>`,
    )
    .join('');
  const repairs =
    (h.repairs.length > 0
      ? `<p>Fixes tried (a fix counts only when every seed beats every seed without it):</p><ul>${h.repairs.map((r) => `<li>${escapeHtml(repairSentence(r))}</li>`).join('')}</ul>`
      : '') + (h.repairSkipped !== undefined ? `<p>${escapeHtml(h.repairSkipped[0]!.toUpperCase() + h.repairSkipped.slice(1))}.</p>` : '');
  const sections: PageSection[] = [
    {
      heading: 'Training health: detectors',
      html:
        `<p>A recorded re-run of your settings (seed ${h.seed}, ${h.epochs} epochs), signals on a fixed probe batch.${d.detail ? ` <strong>${escapeHtml(d.detail)}</strong>` : ''}</p>` +
        `<table><tr><th>detector</th><th>fired</th><th>value</th><th>threshold</th><th>finding</th></tr>${rows}</table>${repairs}`,
    },
  ];
  if (d.healthSignals !== undefined && d.healthSignals.epochs.length > 1) {
    const charts = healthCharts(d.healthSignals);
    const first = d.healthSignals.epochs[0];
    const hasActivations = first?.activations.some((a) => a.deadShare !== undefined || a.saturatedShare !== undefined) ?? false;
    sections.push({
      heading: 'Training health: per-layer signals over epochs',
      html: (await renderSvg(charts.gradientNorms)) + (await renderSvg(charts.updateRatios)) + (hasActivations ? await renderSvg(charts.activations) : ''),
    });
  }
  return sections;
}
