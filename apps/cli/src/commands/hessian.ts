import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, isInputError, type Dataset, type LossFunction, type Model } from '@losslens/core';
import { analyzeCriticalPoint, datasetObjective, type HessianReport } from '@losslens/critical';
import {
  binaryCrossEntropy,
  binaryCrossEntropyFromProbabilities,
  categoricalCrossEntropy,
  isModelPath,
  loadLayersModel,
  mse,
  softmaxCrossEntropy,
  type LosslensModel,
} from '@losslens/models';
import type { DefaultLens } from '@losslens/lens';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { assertDenseHessianSize, MAX_DENSE_HESSIAN_PARAMETERS } from '../limits.js';
import { openLens, pluginFlag } from '../lens.js';
import { analysisDataOptions, loadAnalysisData, type AnalysisDataFlags } from '../analysis-data.js';

interface HessianFlags extends AnalysisDataFlags {
  model: string;
  loss?: 'mse' | 'crossentropy';
  full?: boolean;
  top: number;
  bottom: number;
  layers?: boolean;
  gradientTolerance?: number;
  batchSize?: number;
  backend?: string;
  plugin?: string[];
  json?: string;
}

/**
 * The data and loss for a model: `--loss mse` reads the target as regression, `crossentropy` as
 * classes; a one-output model on two classes gets binary cross-entropy on 0/1 targets; a model
 * ending in softmax/sigmoid gets the probability form of cross-entropy, one ending linear the logit form.
 */
export function dataAndLoss(model: Model & { outputActivation?: LosslensModel['outputActivation'] }, dataset: Dataset, loss: 'mse' | 'crossentropy' | undefined): { data: Dataset; loss: LossFunction } {
  if (loss === 'mse' || (loss === undefined && dataset.task === 'regression')) return { data: dataset, loss: mse };
  if (dataset.task !== 'classification') {
    throw new InputError('E_VALUE', `--loss crossentropy needs class labels in the target column "${dataset.targetName}"`, { flag: '--loss' });
  }
  const fractional = (dataset.classNames ?? []).filter((name) => name.trim() !== '' && Number.isFinite(Number(name)) && !Number.isInteger(Number(name)));
  if (fractional.length > 0) {
    throw new InputError(
      'E_VALUE',
      `--loss crossentropy needs integer or named classes, but target column "${dataset.targetName}" has non-integer values such as ${fractional[0]} (${dataset.classNames!.length} distinct values); use --loss mse for a real-valued target`,
      { file: dataset.origin, flag: '--loss' },
    );
  }
  if (model.outputs === 1 && dataset.outputs === 2) {
    const binary: Dataset = { ...dataset, task: 'regression', outputs: 1 }; // targets stay 0/1, one column
    return { data: binary, loss: model.outputActivation === 'sigmoid' ? binaryCrossEntropyFromProbabilities : binaryCrossEntropy };
  }
  return { data: dataset, loss: model.outputActivation === 'softmax' ? categoricalCrossEntropy : softmaxCrossEntropy };
}

/**
 * The model and the point θ to analyze: a tfjs-layers model.json (or a folder holding one) with
 * its weights, or a spec (a plugin's prefix too) built for the data's shape with θ = init(seed).
 * Errors name `flag`.
 */
export async function loadPoint(
  specOrPath: string,
  dataset: Dataset,
  io: CliIO,
  seed: number,
  flag: string,
  lens: DefaultLens,
): Promise<{ model: Model; theta: Float32Array }> {
  try {
    if (isModelPath(specOrPath) || existsSync(resolve(io.cwd, specOrPath))) return await loadLayersModel(resolve(io.cwd, specOrPath));
    const { model } = await lens.model(specOrPath, { inputShape: dataset.featureShape, outputs: dataset.outputs, task: dataset.task });
    return { model, theta: model.init(seed) };
  } catch (error) {
    if (isInputError(error)) throw new InputError(error.code, error.message, { flag });
    throw error;
  }
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** The human summary of a report. */
export function formatHessianReport(label: string, report: HessianReport): string {
  const lines = [
    `${label}: ${report.parameters} parameters, loss ${fmt(report.loss)}, gradient norm ${report.gradientNorm.toExponential(2)}`,
    `kind: ${report.kind} — ${report.reason}`,
    `top eigenvalues: ${report.top.map(fmt).join(', ')}`,
    `bottom eigenvalues: ${report.bottom.map(fmt).join(', ')}`,
    `minimum ratio (positive eigenvalues / all): ${report.minimumRatio.toFixed(4)}` +
      (report.minimumRatioMethod === 'exact' ? ' (exact)' : ` ± ${report.minimumRatioStandardError.toFixed(4)} (SLQ estimate)`) +
      ` — ${report.counts.positive} positive, ${report.counts.negative} negative, ${report.counts.zero} zero (|λ| ≤ ${report.zeroTolerance.toExponential(1)})`,
    `method: ${report.method}, ${report.hessianVectorProducts} Hessian-vector products${report.converged ? '' : ' (Lanczos did NOT meet its tolerance)'}`,
  ];
  if (report.escape !== undefined) {
    const e = report.escape;
    lines.push(
      `escape: step ${fmt(e.step)} along the eigenvector of λ = ${fmt(e.eigenvalue)}: loss ${fmt(e.lossBefore)} → ${fmt(e.lossAfter)}` +
        ` (second-order prediction ${fmt(e.predictedChange)}); ${e.gradientDescent.steps} plain gradient steps: ${fmt(e.gradientDescent.lossAfter)}`,
    );
  }
  for (const layer of report.layers ?? []) {
    lines.push(`  ${layer.name} (${layer.size}): top ${fmt(layer.top)}, bottom ${fmt(layer.bottom)}${layer.trace === undefined ? '' : `, trace ${fmt(layer.trace)}`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `losslens hessian`: is the point a minimum, a maximum or a saddle, and how to get out (DESIGN.md contract). */
export function register(program: Command, io: CliIO): void {
  analysisDataOptions(
    program
      .command('hessian')
      .description('Hessian spectrum at a trained model: eigenvalues, minimum ratio, kind of critical point, escape step')
      .requiredOption('--model <model.json>', 'a tfjs-layers model.json or its folder (its weights are the point analyzed; a preprocessing.json beside it is applied), or a spec (then θ = init(--seed))'),
  )
    .option('--loss <loss>', 'mse | crossentropy (default: from the target column: regression → mse, classes → cross-entropy)', choiceFlag('--loss', ['mse', 'crossentropy'] as const))
    .option('--full', `dense Hessian and every eigenvalue (P HVPs; P up to ${MAX_DENSE_HESSIAN_PARAMETERS})`)
    .option('--top <k>', 'how many of the largest eigenvalues', intFlag('--top', { min: 1 }), 3)
    .option('--bottom <k>', 'how many of the smallest (most negative) eigenvalues', intFlag('--bottom', { min: 1 }), 3)
    .option('--layers', 'also the spectrum of each layer\'s own Hessian block')
    .option('--gradient-tolerance <x>', 'a point is critical when ‖∇L‖ ≤ this (default 1e-3)', numberFlag('--gradient-tolerance'))
    .option('--batch-size <n>', 'rows per chunk of the exact full-data HVP (memory only; default 2048)', intFlag('--batch-size', { min: 1 }))
    .option('--seed <n>', 'seed of Lanczos/SLQ start vectors (and of θ for a spec)', seedFlag(), 0)
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available)')
    .option(...pluginFlag)
    .option('--json <out>', 'write the JSON report to this file')
    .action(async (flags: HessianFlags) => {
      await preflightOutputs(io.cwd, flags);
      const lens = await openLens(flags, io);
      const task = flags.loss === 'mse' ? 'regression' : flags.loss === 'crossentropy' ? 'classification' : undefined;
      const { dataset } = await loadAnalysisData(flags, flags.model, io, lens, task);
      const { model, theta } = await loadPoint(flags.model, dataset, io, flags.seed, '--model', lens);
      if (flags.full === true) assertDenseHessianSize(model.parameterCount, '--full', 'use --top K --bottom K (Lanczos, any size) instead');
      const { data, loss } = dataAndLoss(model, dataset, flags.loss);
      const objective = datasetObjective(model, data, loss, flags.batchSize === undefined ? {} : { batchSize: flags.batchSize });
      let report: HessianReport;
      try {
        report = analyzeCriticalPoint(objective, theta, {
          full: flags.full === true,
          top: flags.top,
          bottom: flags.bottom,
          layers: flags.layers === true,
          seed: flags.seed,
          events: io.events,
          ...(flags.gradientTolerance === undefined ? {} : { tolerance: { gradient: flags.gradientTolerance } }),
        });
      } finally {
        objective.dispose();
      }
      io.stdout(formatHessianReport(flags.model, report));
      if (flags.json !== undefined) {
        const path = await writeOutput(io.cwd, flags.json, `${JSON.stringify(report, null, 2)}\n`, '--json');
        io.stdout(`wrote ${path}\n`);
      }
    });
}
