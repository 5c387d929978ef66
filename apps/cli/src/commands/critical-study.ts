import type { Command } from 'commander';
import { InputError, isInputError } from '@losslens/core';
import { criticalStudySpec, summarizeCriticalStudy, type CriticalStudyPoint, type CriticalStudyResult, type CriticalStudySummary, type PolishOptions } from '@losslens/critical';
import { optimizerNames } from '@losslens/optim';
import { htmlPage, renderSvg, scatterChart, escapeHtml } from '@losslens/plot';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, SEED_LIMIT, seedFlag } from '../errors.js';
import { assertDenseHessianSize } from '../limits.js';
import { checkOptimizer, openLens, pluginFlag } from '../lens.js';
import { stopSignal } from '../interrupt.js';
import { partialFields, readResume } from '../resume.js';
import { resultSettings, stopWithPartial } from '../resumable.js';
import { criticalStudyInSteps } from '../resumable-studies.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { batchSizeFlag, loadCommandData } from './train.js';

const polishMethods = ['newton-mr', 'levenberg-marquardt', 'gradient-norm', 'gradient-descent', 'none'] as const;

interface CriticalStudyFlags {
  dataset?: string;
  train?: string;
  target?: string;
  task?: 'regression' | 'classification';
  standardize: boolean;
  model: string;
  runs: number;
  seed: number;
  epochs: number;
  optimizer: string;
  lr: number;
  batchSize: number | 'full';
  polish: (typeof polishMethods)[number];
  polishSteps?: number;
  gradientTolerance?: number;
  backend?: string;
  plugin?: string[];
  json?: string;
  svg?: string;
  html?: string;
  resume?: string;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** The columns of the runs table, one row per run. */
const columns = ['seed', 'training loss', 'minimum ratio', '‖∇L‖ after training', '‖∇L‖ analyzed', 'critical', 'kind', 'positive', 'negative', 'flat'] as const;

const cells = (p: CriticalStudyPoint, tolerance: number): string[] => [
  String(p.seed),
  fmt(p.loss),
  `${p.minimumRatio.toFixed(3)}${p.minimumRatioMethod === 'slq' ? ' (SLQ)' : ''}`,
  p.gradientNormAfterFit.toExponential(2),
  p.gradientNorm.toExponential(2),
  p.gradientNorm <= tolerance ? 'yes' : 'no',
  p.kind,
  String(p.counts.positive),
  String(p.counts.negative),
  String(p.counts.zero),
];

/** The p-value in words a reader can compare: 3 significant digits, exponent below 1e-3. */
const pText = (p: number) => (Number.isNaN(p) ? 'n/a' : p === 0 ? '< 1e-300' : p < 1e-3 ? p.toExponential(1) : p.toPrecision(2));

/**
 * The study's summary in sentences: how many runs reached a critical point, their ratios against
 * the lecture's 0.6, and Spearman's ρ(minimum ratio, training loss) with its p-value.
 */
export function summaryLines(summary: CriticalStudySummary): string[] {
  const lines = [`${summary.critical} of ${summary.runs} runs reached a critical point (‖∇L‖ ≤ ${summary.gradientTolerance}); the plot and the lines below use those only`];
  if (summary.critical === 0) return [...lines, 'no run reached a critical point: train longer (--epochs) or polish more (--polish-steps)'];
  const kinds = Object.entries(summary.kinds).map(([kind, count]) => `${count} ${kind}`).join(', ');
  lines.push(
    `kinds: ${kinds}`,
    `minimum ratio ${summary.smallestRatio.toFixed(3)}–${summary.largestRatio.toFixed(3)} (1 would be a strict local minimum; the lecture's largest was about 0.6)`,
  );
  const { rho, pValue, n } = summary.correlation;
  lines.push(
    Number.isNaN(rho)
      ? `Spearman correlation of minimum ratio and training loss: undefined (n = ${n}${n >= 3 ? ', a constant column' : ''})`
      : `Spearman correlation of minimum ratio and training loss: ρ = ${rho.toFixed(2)}, p = ${pText(pValue)} (n = ${n}; the lecture's trend is negative: a larger ratio, a lower loss)`,
  );
  return lines;
}

/** The runs as a Markdown table, then the summary. */
export function formatStudy(result: Pick<CriticalStudyResult, 'points' | 'summary'>): string {
  const tolerance = result.summary.gradientTolerance;
  const lines = [`| ${columns.join(' | ')} |`, '|---:|---:|---:|---:|---:|---|---|---:|---:|---:|'];
  for (const p of result.points) lines.push(`| ${cells(p, tolerance).join(' | ')} |`);
  lines.push('', ...summaryLines(result.summary));
  return `${lines.join('\n')}\n`;
}

/** The runs as an HTML table (numbers right-aligned), then the summary as a list. */
export function studyHtml(result: Pick<CriticalStudyResult, 'points' | 'summary'>): string {
  const tolerance = result.summary.gradientTolerance;
  const numeric = new Set([0, 1, 2, 3, 4, 7, 8, 9]);
  const head = columns.map((c, i) => `<th${numeric.has(i) ? ' style="text-align:right"' : ''}>${escapeHtml(c)}</th>`).join('');
  const rows = result.points.map(
    (p) => `<tr>${cells(p, tolerance).map((c, i) => `<td style="white-space:nowrap${numeric.has(i) ? ';text-align:right' : ''}">${escapeHtml(c)}</td>`).join('')}</tr>`,
  );
  const summary = summaryLines(result.summary).map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return `<ul>${summary}</ul>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** The scatter of the critical runs as an SVG (minimum ratio vs training loss, colored by kind), Spearman's ρ in the subtitle. */
export async function studySvg(result: Pick<CriticalStudyResult, 'model' | 'points' | 'summary'>): Promise<string> {
  const critical = result.points.filter((p) => p.gradientNorm <= result.summary.gradientTolerance);
  const spec = scatterChart({
    title: `Minimum ratio vs training loss (${result.model}, ${critical.length} of ${result.points.length} runs at a critical point)`,
    points: critical.map((p) => ({ x: p.minimumRatio, y: p.loss, group: p.kind })),
    x: { title: 'minimum ratio (positive eigenvalues / all)', domain: [0, 1] },
    y: { title: 'training loss' },
  }) as unknown as Record<string, unknown>;
  const { rho, pValue, n } = result.summary.correlation;
  const subtitle = Number.isNaN(rho) ? `Spearman ρ undefined (n = ${n})` : `Spearman ρ(ratio, loss) = ${rho.toFixed(2)}, p = ${pText(pValue)}, n = ${n}; the lecture's largest ratio was about 0.6`;
  return renderSvg({ ...spec, title: { text: spec['title'] as string, subtitle } } as unknown as Parameters<typeof renderSvg>[0]);
}

/** `losslens critical-study`: the lecture's experiment — train many times, plot (minimum ratio, training loss). */
export function register(program: Command, io: CliIO): void {
  program
    .command('critical-study')
    .description("the lecture's experiment: train a small net from many seeds until the gradient is small, then plot minimum ratio vs training loss")
    .option('--dataset <name>', 'a dataset, built-in or a plugin\'s (default: curve, when --train is not given)')
    .option('--train <file>', 'training CSV instead of --dataset')
    .option('--target <column>', 'the column to predict (with --train)')
    .option('--task <task>', 'regression or classification (default: inferred)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--no-standardize', 'keep CSV features as they are (default: standardize)')
    .option('--model <spec>', 'a small network: every run computes its full Hessian', 'mlp:8:tanh')
    .option('--runs <n>', 'number of training runs (seeds --seed … --seed + runs − 1)', intFlag('--runs', { min: 1 }), 20)
    .option('--seed <n>', 'first seed', seedFlag(), 0)
    .option('--epochs <n>', 'training epochs per run', intFlag('--epochs', { min: 1 }), 1500)
    .option('--optimizer <name>', `${optimizerNames.join('|')} or a plugin's`, 'adam')
    .option('--lr <x>', 'learning rate', numberFlag('--lr'), 0.02)
    .option('--batch-size <n|full>', 'rows per update', batchSizeFlag('--batch-size'), 'full' as const)
    .option('--polish <method>', `drive ‖∇L‖ down after training: ${polishMethods.join(' | ')}`, choiceFlag('--polish', polishMethods), 'newton-mr' as const)
    .option('--polish-steps <n>', 'most polish steps (default 200; 30 for levenberg-marquardt)', intFlag('--polish-steps', { min: 0 }))
    .option('--gradient-tolerance <x>', 'a point is critical when ‖∇L‖ ≤ this (default 1e-3)', numberFlag('--gradient-tolerance'))
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available)')
    .option(...pluginFlag)
    .option('--json <out>', 'write the runs as JSON')
    .option('--svg <out>', 'write the scatter plot as SVG')
    .option('--html <out>', 'write a self-contained HTML page with the plot and the table')
    .option('--resume <out.json>', 'continue a partial run (written on Ctrl-C or SIGTERM) without redoing finished seeds; writes to --json, else back to this file')
    .action(async (flags: CriticalStudyFlags) => {
      flags.json ??= flags.resume;
      await preflightOutputs(io.cwd, flags);
      const settings = resultSettings(flags);
      const resumed = flags.resume === undefined ? undefined : await readResume<{ points: CriticalStudyPoint[] }>(io.cwd, flags.resume, 'critical-study', settings);
      const lens = await openLens(flags, io);
      checkOptimizer(lens, flags.optimizer);
      const dataFlags = {
        ...(flags.train === undefined ? { dataset: flags.dataset ?? 'curve' } : { train: flags.train }),
        ...(flags.target === undefined ? {} : { target: flags.target }),
        ...(flags.task === undefined ? {} : { task: flags.task }),
        validation: 0,
        seed: flags.seed,
        standardize: flags.standardize,
      };
      if (flags.train !== undefined && flags.dataset !== undefined) {
        throw new InputError('E_USAGE', 'give either --dataset NAME or --train F.csv --target COL, not both', { flag: '--train' });
      }
      const { train } = await loadCommandData(dataFlags, io, lens);
      let model;
      try {
        ({ model } = await lens.model(flags.model, { inputShape: train.featureShape, outputs: train.outputs, task: train.task, cwd: io.cwd }));
      } catch (error) {
        if (isInputError(error)) throw new InputError(error.code, error.message, { flag: '--model' });
        throw error;
      }
      assertDenseHessianSize(model.parameterCount, '--model', 'every run computes a dense Hessian: use a smaller network, or `losslens hessian --top K --bottom K` for one large one');
      if (flags.seed + flags.runs > SEED_LIMIT) throw new InputError('E_USAGE', `--seed ${flags.seed} + --runs ${flags.runs} goes past the largest seed ${SEED_LIMIT - 1}`, { flag: '--runs' });
      const polish: PolishOptions = { method: flags.polish, ...(flags.polishSteps === undefined ? {} : { steps: flags.polishSteps }) };
      const signal = stopSignal(io);
      const steps = await criticalStudyInSteps({
        model,
        train,
        seeds: Array.from({ length: flags.runs }, (_, i) => flags.seed + i),
        fit: { lens, optimizer: flags.optimizer, epochs: flags.epochs, batchSize: flags.batchSize, learningRate: flags.lr },
        polish,
        ...(flags.gradientTolerance === undefined ? {} : { tolerance: { gradient: flags.gradientTolerance } }),
        events: io.events,
      }, { signal, ...(resumed === undefined ? {} : { finished: resumed.points }) });
      const gradientTolerance = flags.gradientTolerance ?? 1e-3;
      const result = {
        model: model.spec,
        parameters: model.parameterCount,
        points: steps.points,
        summary: summarizeCriticalStudy(steps.points, gradientTolerance),
        spec: criticalStudySpec(steps.points, model.spec, gradientTolerance),
      };
      if (steps.missing.length > 0) {
        const json = { ...result, ...partialFields('critical-study', settings, { seeds: steps.missing }, { points: steps.points }) };
        await stopWithPartial(io, signal, flags.json, json, `stopped after ${steps.points.length} of ${flags.runs} runs`);
      }
      const table = formatStudy(result);
      io.stdout(`${flags.model} (${result.parameters} parameters) on ${train.n} rows of ${train.origin}, ${flags.runs} runs\n\n${table}`);
      if (flags.json !== undefined) {
        const json = { model: result.model, parameters: result.parameters, points: result.points, summary: result.summary, spec: result.spec };
        io.stdout(`wrote ${await writeOutput(io.cwd, flags.json, `${JSON.stringify(json, null, 2)}\n`, '--json')}\n`);
      }
      if (flags.svg !== undefined || flags.html !== undefined) {
        const svg = await studySvg(result);
        if (flags.svg !== undefined) io.stdout(`wrote ${await writeOutput(io.cwd, flags.svg, svg, '--svg')}\n`);
        if (flags.html !== undefined) {
          const html = htmlPage({
            title: `Critical points of ${result.model}`,
            sections: [
              { heading: 'Minimum ratio vs training loss', html: svg },
              { heading: 'Runs', html: studyHtml(result) },
            ],
          });
          io.stdout(`wrote ${await writeOutput(io.cwd, flags.html, html, '--html')}\n`);
        }
      }
    });
}
