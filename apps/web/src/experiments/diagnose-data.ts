/**
 * "Diagnose my data": the CLI's `losslens diagnose` on a CSV the user picked, run in the page
 * through the lens. The text is parsed here and never sent anywhere; the result is the same
 * diagnosis (and the same HTML report) the CLI writes for the same file and seed.
 */
import type { Task } from '@losslens/core';
import { parseCsv } from '@losslens/data';
import { diagnosisReport, treeHtml, type Budget, type Diagnosis } from '@losslens/diagnose';
import type { DefaultLens } from '@losslens/lens';
import { barChart, escapeHtml, lineChart } from '@losslens/plot';
import { formatNumber } from '../experiment.js';
import type { ChartEntry, ExperimentResult } from '../experiment.js';

/** What the form collects. */
export interface DiagnoseInput {
  /** The CSV's text (header row, numeric features). */
  text: string;
  /** Named in errors, and the report's file name. */
  fileName: string;
  target: string;
  /** Inferred from the target column when absent, as the CLI does without `--task`. */
  task?: Task;
  /** Default `mlp:32x32:relu` (the CLI's default). */
  model?: string;
  /** Default `quick`. */
  budget?: Budget;
  seed?: number;
}

/**
 * The columns of a CSV's header row (for the target menu), or [] for an empty text.
 * @example
 * csvColumns('x1,x2,y\n1,2,3\n'); // ['x1', 'x2', 'y']
 */
export function csvColumns(text: string): string[] {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const header = clean.split(/\r?\n/).find((line) => line.trim() !== '');
  if (header === undefined) return [];
  const delimiter = header.includes(',') ? ',' : header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
  return header.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Diagnoses a CSV through the lens with the CLI's defaults (model `mlp:32x32:relu`, adam, batch
 * 32, seed 0), training in this thread (`workers: 1`: no worker threads in a page).
 * @example
 * const d = await diagnoseCsv(lens, { text, fileName: 'train.csv', target: 'y' });
 * d.verdict; // e.g. 'healthy'
 */
export async function diagnoseCsv(lens: DefaultLens, input: DiagnoseInput, events = lens.events): Promise<Diagnosis> {
  const train = parseCsv(input.text, { target: input.target, file: input.fileName, ...(input.task ? { task: input.task } : {}) });
  return lens.diagnose({
    train,
    model: input.model ?? 'mlp:32x32:relu',
    seed: input.seed ?? 0,
    budget: input.budget ?? 'quick',
    workers: 1,
    events,
  });
}

/**
 * The diagnosis as the page shows it: the verdict, the losses, the tree path, the evidence and
 * remedies, the loss curves and the comparison with relatives, and the CLI's HTML report to download.
 * @example
 * const result = await diagnosisResult(d, 'train.csv');
 */
export async function diagnosisResult(d: Diagnosis, fileName: string): Promise<ExperimentResult> {
  const f = (v: number | undefined): string => (v === undefined ? '—' : formatNumber(v, 4));
  const runs = [d.measurements.user, ...d.measurements.others];
  const charts: ChartEntry[] = [
    {
      spec: lineChart({
        title: 'Loss per epoch',
        series: runs.flatMap((r) => [
          { name: `${r.label} (train)`, points: r.history.map((h) => [h.epoch, h.trainLoss] as [number, number]) },
          ...(r.history.some((h) => h.validationLoss !== undefined)
            ? [{ name: `${r.label} (validation)`, points: r.history.filter((h) => h.validationLoss !== undefined).map((h) => [h.epoch, h.validationLoss ?? Number.NaN] as [number, number]) }]
            : []),
        ]),
        x: { title: 'epoch' },
        y: { title: d.lossName, scale: 'log' },
      }),
      caption: 'Training and validation loss of your model and of the relatives the tree compares it with.',
    },
    {
      spec: barChart({
        title: 'Final training loss beside the baseline',
        bars: [{ label: 'baseline', value: d.losses.baseline }, ...runs.map((r) => ({ label: r.label, value: r.train }))],
        x: { title: 'model' },
        y: { title: `training ${d.lossName}` },
      }),
      caption: 'A training loss near the baseline (predicting the mean or the class shares) is large; a relative that beats yours says which way to go.',
    },
  ];
  const evidence = d.evidence.map((e) => `<li><code>${escapeHtml(e.check)}</code>: ${escapeHtml(e.finding)}</li>`).join('');
  const remedies = d.remedies.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  return {
    headline: `Verdict: ${d.verdict}. ${d.remedies[0] ?? ''}`.trim(),
    facts: [
      { id: 'verdict', label: 'verdict', value: d.verdict },
      { id: 'path', label: 'path through the tree', value: d.path.join(' → ') },
      { id: 'task', label: 'task, model, budget', value: `${d.task}, ${d.model}, ${d.budget}` },
      { id: 'rows', label: 'rows: train, validation', value: `${d.rows.train}, ${d.rows.validation}` },
      { id: 'losses', label: `${d.lossName}: baseline, train, validation`, value: `${f(d.losses.baseline)}, ${f(d.losses.train)}, ${f(d.losses.validation)}` },
      { id: 'checks', label: 'checks that ran', value: d.checks.ran.join(', ') },
    ],
    charts,
    html: `<section class="tree-path"><h3>Where this lands in the lecture's tree</h3>${treeHtml(d.path)}</section>
      <section><h3>Evidence</h3><ul class="evidence">${evidence}</ul></section>
      <section><h3>Remedies</h3><ol class="remedies">${remedies}</ol></section>`,
    download: { label: 'Download the HTML report', fileName: `${fileName.replace(/\.[^.]*$/, '')}-diagnosis.html`, type: 'text/html', content: await diagnosisReport(d) },
  };
}
