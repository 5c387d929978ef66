import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { escapeHtml, htmlPage, htmlTable, lineChart, renderSvg } from '@losslens/plot';
import { curveChart, learningCurve, DEFAULT_LEARNING_CURVE_SIZES, type LearningCurve } from '@losslens/validate';
import type { CliIO } from '../command.js';
import { intFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { checkFolds, dataSource, fitOptions, loadTraining, modelSource, trainingOptions, type TrainingFlags } from './cv.js';
import { formatTable } from '../table.js';

interface LearningCurveFlags extends TrainingFlags {
  model: string;
  folds: number;
  sizes?: number[];
  json?: string;
  svg?: string;
  html?: string;
}

/** Parses `--sizes 0.1,0.5,1` or `20,50,100`. */
function sizesFlag(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const sizes = parts.map(Number);
  if (parts.some((p) => p === '') || sizes.some((s) => !Number.isFinite(s) || s <= 0)) {
    throw new InputError('E_USAGE', `expected fractions in (0, 1] or row counts separated by commas, got "${value}"`, { flag: '--sizes' });
  }
  return sizes;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** The learning-curve table's header and rows: training rows, train and validation loss (mean ± std), gap, best marked. */
function learningCurveRows(curve: LearningCurve): { header: string[]; rows: string[][] } {
  const rows = curve.points.map((p, i) => [
    String(p.x),
    `${fmt(p.trainMean)} ± ${fmt(p.trainStd)}`,
    `${fmt(p.validationMean)} ± ${fmt(p.validationStd)}`,
    fmt(p.validationMean - p.trainMean),
    i === curve.best ? '← best' : '',
  ]);
  return { header: ['training rows', 'train loss', 'validation loss', 'gap', ''], rows };
}

/** The learning-curve table as text: rows, train and validation loss (mean ± std), gap, best marked. */
export function learningCurveTable(curve: LearningCurve): string {
  const { header, rows } = learningCurveRows(curve);
  return formatTable(header, rows);
}

/** `losslens learning-curve`: train/validation loss as the training set grows (overfitting vs mismatch). */
export function register(program: Command, io: CliIO): void {
  trainingOptions(
    program
      .command('learning-curve')
      .description('train and validation loss as the training set grows: more data helps overfitting, not mismatch'),
  )
    .requiredOption('--model <spec>', 'linear | mlp:<w1>x<w2>…:<act> | cnn:… | resnet-mlp:… | model.json')
    .option('--folds <k>', 'cross-validation folds', intFlag('--folds', { min: 2 }), 5)
    .option('--sizes <list>', `training-set sizes: fractions of a fold's training rows or row counts (default ${DEFAULT_LEARNING_CURVE_SIZES.join(',')})`, sizesFlag)
    .option('--json <out>', 'write the curve (per-fold losses, means, stds, best point) as JSON')
    .option('--svg <out>', 'write the curve as an SVG chart')
    .option('--html <out>', 'write a self-contained HTML page with the chart and the table')
    .action(async (flags: LearningCurveFlags) => {
      await preflightOutputs(io.cwd, flags);
      const { lens, dataset } = await loadTraining(flags, io);
      checkFolds(flags.folds, dataset, dataSource(flags));
      const model = await modelSource(flags.model, dataset, io, '--model', lens);
      const curve = await learningCurve({
        model,
        dataset,
        splitter: lens.splitter('kfold', { folds: flags.folds, shuffle: true, seed: flags.seed }),
        ...(flags.sizes !== undefined ? { sizes: flags.sizes } : {}),
        fit: fitOptions(flags, lens),
        seed: flags.seed,
        standardize: flags.standardize ? 'features' : 'none',
        events: io.events,
      });
      curve.model = flags.model;
      const table = learningCurveTable(curve);
      const summary =
        `from ${curve.points[0]?.x ?? 0} to ${curve.points.at(-1)?.x ?? 0} training rows the validation loss fell by ` +
        `${(100 * curve.validationImprovement).toFixed(1)} % and the train/validation gap shrank by ${(100 * curve.gapShrink).toFixed(1)} %`;
      io.stdout(`learning curve of ${flags.model} on ${dataSource(flags)} (${dataset.n} rows, ${flags.folds} shuffled folds)\n\n${table}\n\n${summary}\n`);
      if (flags.json !== undefined) {
        const path = await writeOutput(io.cwd, flags.json, `${JSON.stringify(curve, null, 2)}\n`, '--json');
        io.stdout(`wrote ${path}\n`);
      }
      if (flags.svg !== undefined || flags.html !== undefined) {
        const svg = await renderSvg(lineChart(curveChart(curve, `Learning curve: ${flags.model}`)));
        if (flags.svg !== undefined) io.stdout(`wrote ${await writeOutput(io.cwd, flags.svg, svg, '--svg')}\n`);
        if (flags.html !== undefined) {
          const html = htmlPage({
            title: `Learning curve: ${flags.model} on ${dataSource(flags)}`,
            sections: [
              { heading: 'Train and validation loss', html: svg },
              { heading: 'Per size (mean ± sample std over folds)', html: `${htmlTable({ ...learningCurveRows(curve), numeric: [0, 1, 2, 3] })}<p>${escapeHtml(summary)}.</p>` },
            ],
          });
          io.stdout(`wrote ${await writeOutput(io.cwd, flags.html, html, '--html')}\n`);
        }
      }
    });
}
