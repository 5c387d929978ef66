/**
 * The self-contained HTML report: the verdict path through the lecture's tree (highlighted),
 * loss curves of every run, the shallow/deep comparison, the learning curve, the Hessian
 * spectrum when computed, and the evidence and remedies.
 */
import { barChart, escapeHtml, histogramChart, htmlPage, lineChart, renderSvg, type PageSection } from '@losslens/plot';
import type { Diagnosis } from './diagnose.js';
import { healthSections } from './report-health.js';
import type { TreeNode } from './tree.js';

const num = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

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
  sections.push({
    heading: 'Where this lands in the lecture’s tree',
    html:
      `<p><strong>Verdict: ${escapeHtml(d.verdict)}</strong> (${escapeHtml(d.path.join(' → '))})</p>` +
      treeHtml(d.path) +
      `<table><tr><th>loss (${escapeHtml(d.lossName)})</th><th>baseline</th><th>train</th><th>validation</th><th>test</th></tr>` +
      `<tr><td>your model <code>${escapeHtml(d.model)}</code></td><td>${num(d.losses.baseline)}</td><td>${num(d.losses.train)}</td><td>${num(d.losses.validation)}</td><td>${num(d.losses.test)}</td></tr></table>` +
      `<p><small>${escapeHtml(d.units)}</small></p>`,
  });
  const curves = runs.flatMap((r) => [
    { name: `${r.label} (train)`, points: r.history.map((h) => [h.epoch, h.trainLoss] as const) },
    ...(r.history.some((h) => h.validationLoss !== undefined)
      ? [{ name: `${r.label} (validation)`, points: r.history.filter((h) => h.validationLoss !== undefined).map((h) => [h.epoch, h.validationLoss!] as const) }]
      : []),
  ]);
  sections.push({
    heading: 'Loss curves',
    html: await renderSvg(lineChart({ title: 'Loss per epoch', series: curves, x: { title: 'epoch' }, y: { title: d.lossName, scale: 'log' }, width: 640 })),
  });
  sections.push({
    heading: 'Your model beside its relatives (same training budget)',
    html: await renderSvg(
      barChart({
        title: 'Final losses',
        bars: runs.flatMap((r) => [
          { label: `${r.label}: ${r.spec}`, value: r.train, group: 'train' },
          { label: `${r.label}: ${r.spec}`, value: r.validation, group: 'validation' },
          ...(r.test !== undefined ? [{ label: `${r.label}: ${r.spec}`, value: r.test, group: 'test' }] : []),
        ]),
        x: { title: 'run' },
        y: { title: d.lossName },
        width: 640,
      }),
    ),
  });
  if (m.learningCurve && m.learningCurve.length > 0) {
    const lc = m.learningCurve;
    sections.push({
      heading: 'Learning curve: does more data close the gap?',
      html: await renderSvg(
        lineChart({
          title: 'Loss vs training rows',
          series: [
            { name: 'train', points: lc.map((p) => [p.size, p.train] as const) },
            { name: 'validation', points: lc.map((p) => [p.size, p.validation] as const) },
            ...(lc.every((p) => p.test !== undefined) ? [{ name: 'test', points: lc.map((p) => [p.size, p.test!] as const) }] : []),
          ],
          x: { title: 'training rows' },
          y: { title: d.lossName },
        }),
      ),
    });
  }
  if (d.hessian) {
    const h = d.hessian;
    const values = h.eigenvalues ?? [...h.bottom, ...h.top];
    sections.push({
      heading: 'Hessian at the end of training',
      html:
        `<p>${escapeHtml(h.kind)} — gradient norm ${num(h.gradientNorm)}, minimum ratio ${num(h.minimumRatio)} (${escapeHtml(h.minimumRatioMethod)}), ${h.parameters} parameters, ${escapeHtml(h.method)}.</p>` +
        (await renderSvg(
          values.length <= 40
            ? barChart({
                title: h.eigenvalues ? 'All eigenvalues, ascending' : 'Extreme eigenvalues (Lanczos), ascending',
                bars: [...values].sort((a, b) => a - b).map((v, i) => ({ label: `λ${i + 1}`, value: v })),
                x: { title: 'eigenvalue' },
                y: { title: 'value' },
              })
            : histogramChart({
                title: h.eigenvalues ? 'All eigenvalues' : 'Extreme eigenvalues (Lanczos)',
                values,
                x: { title: 'eigenvalue' },
                marks: [{ x: 0, label: '0' }],
              }),
        )) +
        (h.escape
          ? `<p>Escape along the most negative eigenvector (λ = ${num(h.escape.eigenvalue)}, step ${num(h.escape.step)}): loss ${num(h.escape.lossBefore)} → ${num(h.escape.lossAfter)}.</p>`
          : ''),
    });
  }
  sections.push(...(await healthSections(d)));
  sections.push({
    heading: 'Evidence',
    html: `<ul>${d.evidence.map((e) => `<li><strong>${escapeHtml(e.check)}</strong>: ${escapeHtml(e.finding)}<details><summary>values</summary><pre>${escapeHtml(JSON.stringify(e.values, null, 2))}</pre></details></li>`).join('')}</ul>`,
  });
  sections.push({ heading: 'Remedies', html: `<ol>${d.remedies.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>` });
  sections.push({
    heading: 'Thresholds',
    html: `<pre>${escapeHtml(JSON.stringify(d.thresholds, null, 2))}</pre>`,
  });
  return htmlPage({ title: `losslens diagnosis: ${d.verdict}`, sections });
}
