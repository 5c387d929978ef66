/**
 * The self-contained HTML report: the verdict path through the lecture's tree (highlighted),
 * your model's loss curves, each comparison run beside them, final losses and accuracies, the
 * learning curve, the Hessian spectrum when computed, and the evidence and remedies.
 */
import { escapeHtml, htmlPage, lineChart, renderSvg, ROLE_COLORS, type PageSection } from '@losslens/plot';
import type { Diagnosis } from './diagnose.js';
import { healthSections } from './report-health.js';
import { comparisonCurves, finalBars, hasAccuracy, runsTableHtml, spectrumCharts, yourModelCurves } from './report-charts.js';
import type { TreeNode } from './tree.js';

const num = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const percent = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)} %`);

/** The lecture's tree as nested lists; nodes on the verdict's path are highlighted. */
export function treeHtml(path: readonly TreeNode[]): string {
  const on = new Set<TreeNode>(path);
  const node = (id: TreeNode, text: string, children = '') =>
    `<li><span class="node${on.has(id) ? ' on' : ''}">${escapeHtml(text)}</span>${children ? `<ul>${children}</ul>` : ''}</li>`;
  const tree =
    node(
      'training-loss-large',
      'training loss large',
      node('model-bias', 'model bias → more flexible model') + node('optimization', 'optimization issue → shallower start, better optimizer'),
    ) +
    node(
      'training-loss-small',
      'training loss small',
      node(
        'testing-loss-large',
        'testing loss large',
        node('overfitting', 'overfitting → more data, augmentation, simpler model, early stopping, regularization') +
          node('mismatch', 'mismatch → understand how the test data were made'),
      ) + node('testing-loss-small', 'testing loss small', node('healthy', 'done')),
    );
  return `<style>.tree ul{list-style:none;margin:0;padding-left:1.4rem;border-left:1px dashed #bbb}.tree li{margin:.25rem 0}.node{display:inline-block;padding:.1rem .5rem;border:1px solid #ccc;border-radius:4px;color:#777}.node.on{border-color:#b00;background:#fee;color:#000;font-weight:600}</style><ul class="tree">${tree}</ul>`;
}

/**
 * Renders the diagnosis as one self-contained HTML page.
 * @example
 * await writeFile('report.html', await diagnosisReport(diagnosis));
 */
export async function diagnosisReport(d: Diagnosis): Promise<string> {
  const m = d.measurements;
  const runs = [m.user, ...m.others];
  const sections: PageSection[] = [];
  const u = m.user;
  const accuracyRow = hasAccuracy([u])
    ? `<tr><td>accuracy</td><td>—</td><td>${percent(u.trainAccuracy)}</td><td>${percent(u.validationAccuracy)}</td><td>${percent(u.testAccuracy)}</td></tr>`
    : '';
  sections.push({
    heading: 'Where this lands in the lecture’s tree',
    html:
      `<p><strong>Verdict: ${escapeHtml(d.verdict)}</strong> (${escapeHtml(d.path.join(' → '))})</p>` +
      (d.detail === undefined ? '' : `<p><strong>${escapeHtml(d.detail)}</strong></p>`) +
      treeHtml(d.path) +
      `<p>Your model <code>${escapeHtml(d.model)}</code>:</p>` +
      `<table><tr><th></th><th>baseline</th><th>train</th><th>validation</th><th>test</th></tr>` +
      `<tr><td>loss (${escapeHtml(d.lossName)})</td><td>${num(d.losses.baseline)}</td><td>${num(d.losses.train)}</td><td>${num(d.losses.validation)}</td><td>${num(d.losses.test)}</td></tr>${accuracyRow}</table>` +
      `<p><small>${escapeHtml(d.units)}</small></p>`,
  });
  sections.push({
    heading: 'Your model’s loss curves',
    html:
      (await renderSvg(yourModelCurves(u, d.lossName))) +
      (u.test !== undefined ? `<p>Test loss at the end: ${num(u.test)}${u.testAccuracy !== undefined ? `, test accuracy ${percent(u.testAccuracy)}` : ''}.</p>` : ''),
  });
  if (m.others.length > 0) {
    const small = await Promise.all(comparisonCurves(u, m.others, d.lossName).map((spec) => renderSvg(spec)));
    sections.push({
      heading: 'Comparison runs (same training budget)',
      html:
        `<p>Each run’s <strong style="color:${ROLE_COLORS.train}">train</strong> and <strong style="color:${ROLE_COLORS.validation}">validation</strong> loss per epoch, solid; your model’s are the faded dashed lines behind them. Every chart has the same axes.</p>` +
        `<div class="small-multiples" style="display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:.5rem">${small.map((svg) => `<div>${svg}</div>`).join('')}</div>`,
    });
  }
  sections.push({
    heading: 'Your model beside its relatives (final values)',
    html:
      `<div style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start"><div>${await renderSvg(finalBars(runs, 'loss', d.lossName))}</div>` +
      (hasAccuracy(runs) ? `<div>${await renderSvg(finalBars(runs, 'accuracy', d.lossName))}</div>` : '') +
      `</div>${runsTableHtml(runs, d.lossName)}`,
  });
  if (m.learningCurve && m.learningCurve.length > 0) {
    const lc = m.learningCurve;
    sections.push({
      heading: 'Learning curve: does more data close the gap?',
      html: await renderSvg(
        lineChart({
          title: 'Loss vs training rows',
          series: [
            { name: 'train', role: 'train', points: lc.map((p) => [p.size, p.train] as const) },
            { name: 'validation', role: 'validation', points: lc.map((p) => [p.size, p.validation] as const) },
            ...(lc.every((p) => p.test !== undefined) ? [{ name: 'test', role: 'test' as const, points: lc.map((p) => [p.size, p.test!] as const) }] : []),
          ],
          x: { title: 'training rows' },
          y: { title: d.lossName },
        }),
      ),
    });
  }
  if (d.hessian) {
    const h = d.hessian;
    sections.push({
      heading: 'Hessian at the end of training',
      html:
        `<p>${escapeHtml(h.kind)} — gradient norm ${num(h.gradientNorm)}, minimum ratio ${num(h.minimumRatio)} (${escapeHtml(h.minimumRatioMethod)}), ${h.parameters} parameters, ${escapeHtml(h.method)}.</p>` +
        (await Promise.all(spectrumCharts(h).map((spec) => renderSvg(spec)))).join('') +
        (h.escape
          ? `<p>Escape along the most negative eigenvector (λ = ${num(h.escape.eigenvalue)}, step ${num(h.escape.step)}): loss ${num(h.escape.lossBefore)} → ${num(h.escape.lossAfter)}.</p>`
          : ''),
    });
  }
  sections.push(...(await healthSections(d)));
  sections.push({
    heading: 'Evidence',
    html: `<ul>${d.evidence.map((e) => `<li${e.values['outweighedBy'] !== undefined ? ' style="color:#666"' : ''}><strong>${escapeHtml(e.check)}</strong>: ${escapeHtml(e.finding)}<details><summary>values</summary><pre>${escapeHtml(JSON.stringify(e.values, null, 2))}</pre></details></li>`).join('')}</ul>`,
  });
  sections.push({ heading: 'Remedies', html: `<ol>${d.remedies.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>` });
  sections.push({
    heading: 'Thresholds',
    html: `<pre>${escapeHtml(JSON.stringify(d.thresholds, null, 2))}</pre>`,
  });
  return htmlPage({ title: `losslens diagnosis: ${d.verdict}`, sections });
}
