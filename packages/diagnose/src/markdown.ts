/**
 * The Markdown summary the CLI prints: verdict, the path through the tree, the losses (and
 * accuracies, for classification), the evidence and the ranked remedies.
 */
import type { Diagnosis } from './diagnose.js';
import { healthMarkdown } from './report-health.js';

const num = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const percent = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)} %`);

const VERDICT_TITLES: Record<Diagnosis['verdict'], string> = {
  'model-bias': 'Model bias — the model is too simple',
  optimization: 'Optimization issue — the model could fit, training does not find it',
  overfitting: 'Overfitting — small training loss, large loss on held-out data',
  mismatch: 'Mismatch — the test data differ from the training data',
  healthy: 'Healthy — training and held-out losses are both small',
};

/**
 * Renders a diagnosis as Markdown.
 * @example
 * process.stdout.write(diagnosisMarkdown(await diagnose({ train })));
 */
export function diagnosisMarkdown(d: Diagnosis): string {
  const lines: string[] = [];
  lines.push(`# Verdict: ${VERDICT_TITLES[d.verdict]}`, '');
  if (d.detail !== undefined) lines.push(`**${d.detail}**`, '');
  lines.push(`Path: ${d.path.join(' → ')}`, '');
  for (const warning of d.warnings ?? []) lines.push(`> **Warning:** ${warning}`, '');
  const runs = [d.measurements.user, ...d.measurements.others];
  const u = d.measurements.user;
  // Classification: accuracy beside every loss.
  const accuracy = runs.some((r) => r.trainAccuracy !== undefined || r.validationAccuracy !== undefined);
  if (accuracy) {
    lines.push(`| | loss (${d.lossName}) | accuracy |`, '|---|---|---|');
    lines.push(`| baseline | ${num(d.losses.baseline)} | — |`, `| train | ${num(d.losses.train)} | ${percent(u.trainAccuracy)} |`, `| validation | ${num(d.losses.validation)} | ${percent(u.validationAccuracy)} |`);
    if (d.losses.test !== undefined) lines.push(`| test | ${num(d.losses.test)} | ${percent(u.testAccuracy)} |`);
  } else {
    lines.push(`| loss (${d.lossName}) | value |`, '|---|---|');
    lines.push(`| baseline | ${num(d.losses.baseline)} |`, `| train | ${num(d.losses.train)} |`, `| validation | ${num(d.losses.validation)} |`);
    if (d.losses.test !== undefined) lines.push(`| test | ${num(d.losses.test)} |`);
  }
  lines.push('', `Units: ${d.units}.`, '');
  if (accuracy) {
    lines.push('## Runs', '', '| run | model | optimizer | train | validation | test | train acc | val acc | test acc |', '|---|---|---|---|---|---|---|---|---|');
  } else {
    lines.push('## Runs', '', '| run | model | optimizer | train | validation | test |', '|---|---|---|---|---|---|');
  }
  for (const r of runs) {
    const accuracyCells = accuracy ? ` ${percent(r.trainAccuracy)} | ${percent(r.validationAccuracy)} | ${percent(r.testAccuracy)} |` : '';
    lines.push(`| ${r.label}${r.diverged ? ' (diverged)' : ''} | ${r.spec} | ${r.optimizer} | ${num(r.train)} | ${num(r.validation)} | ${num(r.test)} |${accuracyCells}`);
  }
  lines.push('', '## Evidence', '');
  for (const e of d.evidence) lines.push(`- **${e.check}**: ${e.finding}`);
  lines.push('', ...healthMarkdown(d));
  lines.push('## Remedies', '');
  d.remedies.forEach((r, i) => lines.push(`${i + 1}. ${r}`));
  lines.push('', `_${d.budget} budget, ${d.rows.train} training / ${d.rows.validation} validation${d.rows.test !== undefined ? ` / ${d.rows.test} test` : ''} rows, ${d.seconds.toFixed(1)} s._`, '');
  return lines.join('\n');
}
