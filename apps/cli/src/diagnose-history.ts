/**
 * `losslens diagnose --history log.csv|history.json`: what the loss curves of a training log
 * alone can show (no data, no model), and what they cannot decide. diagnose.ts hands over here.
 */
import { resolve } from 'node:path';
import { InputError } from '@losslens/core';
import { readTextFile } from '@losslens/data';
import { escapeHtml, htmlPage, lineChart, renderSvg } from '@losslens/plot';
import { curveMarkdown, diagnoseCurves, parseHistory, type CurveDiagnosis, type TrainingLog } from '@losslens/watch';
import type { CliIO } from './command.js';
import { preflightOutputs, writeOutput } from './write-output.js';

/** The flags the log-only diagnosis reads; any data or training flag beside --history is refused. */
export interface HistoryFlags {
  history?: string;
  json?: string;
  report?: string;
  [flag: string]: unknown;
}

/** Flags that need data or training, meaningless for a log. */
const DATA_FLAGS: Record<string, string> = {
  train: '--train', test: '--test', dataset: '--dataset', target: '--target', task: '--task', optimizer: '--optimizer', augment: '--augment', lr: '--lr',
  epochs: '--epochs', seeds: '--seeds', resume: '--resume', plugin: '--plugin', backend: '--backend', model: '--model', batchSize: '--batch-size', seed: '--seed', budget: '--budget',
};

/**
 * Runs the log-only diagnosis: prints Markdown, writes `--json` and `--report` when given.
 * @example
 * await diagnoseHistory({ history: 'training.log.csv', json: 'curves.json' }, io);
 */
export async function diagnoseHistory(flags: HistoryFlags, io: CliIO, given: ReadonlySet<string>): Promise<void> {
  const file = flags.history as string;
  for (const [key, flag] of Object.entries(DATA_FLAGS)) {
    if (given.has(key)) throw new InputError('E_USAGE', `a log-only diagnosis (--history) reads no data and trains nothing; drop ${flag} (or drop --history to diagnose on data)`, { flag });
  }
  await preflightOutputs(io.cwd, flags);
  const log = parseHistory(await readTextFile(resolve(io.cwd, file), file), file);
  const d = diagnoseCurves(log);
  io.stdout(curveMarkdown(d));
  if (flags.json !== undefined) {
    const path = await writeOutput(io.cwd, flags.json, `${JSON.stringify({ ...d, series: { epochs: log.epochs, ...log.series } }, null, 2)}\n`, '--json');
    io.stderr(`wrote ${path}\n`);
  }
  if (flags.report !== undefined) {
    const path = await writeOutput(io.cwd, flags.report, await curveReport(d, log), '--report');
    io.stderr(`wrote ${path}\n`);
  }
}

/** The HTML report: the curves with the onset marked, the findings, what needs data. */
async function curveReport(d: CurveDiagnosis, log: TrainingLog): Promise<string> {
  const curve = (key: string) => ({ name: key, points: log.epochs.flatMap((e, i) => (Number.isFinite(log.series[key]?.[i]) ? [[e, log.series[key]![i]!] as const] : [])) });
  const onset = d.findings.find((f) => f.check === 'overfitting-onset' && f.fired);
  const chart = lineChart({
    title: 'Loss per epoch',
    series: [curve(log.trainKey), ...(log.validationKey ? [curve(log.validationKey)] : [])],
    x: { title: 'epoch' },
    y: { title: 'loss', scale: 'log' },
    width: 640,
    ...(onset?.epoch !== undefined ? { marks: [{ x: onset.epoch, label: `overfitting from epoch ${onset.epoch}` }] } : {}),
  });
  const rows = d.findings
    .map((f) => `<tr${f.fired ? ' style="background:#fee"' : ''}><td>${escapeHtml(f.check)}</td><td>${f.fired ? '<strong>yes</strong>' : 'no'}</td><td>${escapeHtml(f.finding)}</td></tr>`)
    .join('');
  return htmlPage({
    title: `What the curves show: ${d.summary}`,
    sections: [
      { heading: 'Loss curves', html: `<p>${escapeHtml(d.file)}: ${d.epochs} epochs (${escapeHtml(d.format)})</p>${await renderSvg(chart)}` },
      { heading: 'Findings', html: `<table><tr><th>check</th><th>fired</th><th>finding</th></tr>${rows}</table>` },
      { heading: 'What the curves alone cannot decide', html: `<ul>${d.undecidable.map((u) => `<li>${escapeHtml(u)}</li>`).join('')}</ul>` },
    ],
  });
}
