/**
 * Repair and verify, as AUTOTRAINER does: for each fired detector, retrain with the cheapest
 * fix across seeds and keep it only when it beats the noise.
 */
import { InputError, silentChannel, type Dataset, type EventChannel } from '@losslens/core';
import { createModel, formatSpec, parseSpec } from '@losslens/models';
import { fit, type OptimizerName } from '@losslens/optim';
import type { DetectorName } from './detection.js';

/** The settings of one training run that a remedy changes. */
export interface RepairSettings {
  /** A model spec (`mlp:32x32:sigmoid`); remedies that change the architecture need an `mlp` spec. */
  spec: string;
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  batchSize: number | 'full';
  clipNorm?: number;
}

/** One candidate fix. */
export interface Remedy {
  name: string;
  description: string;
  settings: RepairSettings;
}

/** The swap of an mlp spec's activation (undefined when the spec is not an mlp or already uses it). */
function withMlp(spec: string, change: (p: Extract<ReturnType<typeof parseSpec>, { family: 'mlp' }>) => boolean): string | undefined {
  let parsed: ReturnType<typeof parseSpec>;
  try {
    parsed = parseSpec(spec);
  } catch {
    return undefined;
  }
  if (parsed.family !== 'mlp') return undefined;
  const copy = { ...parsed, hidden: [...parsed.hidden] };
  return change(copy) ? formatSpec(copy) : undefined;
}

/**
 * The fixes to try for a fired detector, cheapest first: ReLU (He init) or batch norm for
 * vanishing gradients and saturation, ELU or a 10× lower rate for dying ReLU, a 10× lower rate
 * or clipping for exploding gradients, oscillation, too large a rate and non-finite values, a
 * `suggestedRate` (from `lrFind`) or a 10× higher rate for too small a rate and plateaus. None
 * for the initial loss (re-check the initialization and labels by hand).
 * @example
 * remediesFor('vanishing-gradients', settings)[0].settings.spec; // 'mlp:16x16x16:relu'
 */
export function remediesFor(detector: DetectorName, settings: RepairSettings, options: { suggestedRate?: number } = {}): Remedy[] {
  const out: Remedy[] = [];
  const add = (name: string, description: string, change: Partial<RepairSettings> | undefined) => {
    if (change !== undefined) out.push({ name, description, settings: { ...settings, ...change } });
  };
  const spec = (change: Parameters<typeof withMlp>[1]) => {
    const next = withMlp(settings.spec, change);
    return next === undefined ? undefined : { spec: next };
  };
  const lower = { learningRate: settings.learningRate / 10 };
  const suggested = options.suggestedRate === undefined ? undefined : { learningRate: options.suggestedRate };
  switch (detector) {
    case 'vanishing-gradients':
    case 'saturation':
      add('relu', 'ReLU activations with He initialization', spec((p) => p.activation !== 'relu' && ((p.activation = 'relu'), true)));
      add('batch-norm', 'batch normalization after every hidden layer', spec((p) => !p.batchNorm && ((p.batchNorm = true), true)));
      break;
    case 'dying-relu':
      add('elu', 'ELU activations (no zero gradient below 0)', spec((p) => p.activation === 'relu' && ((p.activation = 'elu'), true)));
      add('lower-rate', 'a 10× lower learning rate', lower);
      break;
    case 'exploding-gradients':
    case 'non-finite':
      add('clip-norm', 'gradient clipping to norm 1', settings.clipNorm === undefined ? { clipNorm: 1 } : undefined);
      add('lower-rate', 'a 10× lower learning rate', lower);
      break;
    case 'oscillating-loss':
    case 'learning-rate-too-large':
      add('lower-rate', 'a 10× lower learning rate', lower);
      add('clip-norm', 'gradient clipping to norm 1', settings.clipNorm === undefined ? { clipNorm: 1 } : undefined);
      break;
    case 'learning-rate-too-small':
    case 'plateau':
      add('suggested-rate', 'the rate lrFind suggests', suggested);
      add('higher-rate', 'a 10× higher learning rate', { learningRate: settings.learningRate * 10 });
      break;
    case 'initial-loss':
      break;
  }
  return out;
}

/** Options of {@link repairAndVerify}. */
export interface RepairOptions {
  train: Dataset;
  validation?: Dataset;
  /** The run as diagnosed. */
  settings: RepairSettings;
  /** The detectors that fired. */
  detectors: readonly DetectorName[];
  /** Default [1, 2, 3]. */
  seeds?: readonly number[];
  /** Remedies tried per detector, cheapest first, stopping at the first that helps. Default 2. */
  tries?: number;
  /** From `lrFind`, for the rate remedies. */
  suggestedRate?: number;
  /** `progress` events with task `repair`, one per training run. */
  events?: EventChannel;
  /**
   * The final losses of `settings` (unchanged) on `seeds`, when already measured (e.g. by an
   * earlier call): `on` the validation (or training) losses, `train` the training losses.
   */
  baseline?: { on: readonly number[]; train: readonly number[] };
}

/** One remedy tried for one detector. */
export interface RepairTrial {
  detector: DetectorName;
  remedy: string;
  description: string;
  settings: RepairSettings;
  /** `validation` when there is validation data, else `train`. */
  on: 'validation' | 'train';
  /** The seeds, in the order of the per-seed losses. */
  seeds: number[];
  /** Final `on` losses per seed before and after the fix (a non-finite loss counts as +Infinity). */
  before: number[];
  after: number[];
  /** Final training losses per seed before and after the fix (+Infinity when not finite). */
  beforeTrain: number[];
  afterTrain: number[];
  /** Mean change of the loss (after − before; negative is better). */
  change: number;
  /** True only when every seed's loss after the fix is below every seed's loss before it. */
  helped: boolean;
  finding: string;
}

/**
 * Tries the cheapest fixes for each fired detector across seeds and reports the change in the
 * final loss; a fix counts only when it beats the seed-to-seed noise (every seed after the fix
 * below every seed before it).
 * @example
 * const trials = await repairAndVerify({ train, validation, settings, detectors: ['vanishing-gradients'] });
 * trials[0].finding; // "relu helped: validation loss 0.69 → 0.12 (3 seeds, all better)"
 */
export async function repairAndVerify(options: RepairOptions): Promise<RepairTrial[]> {
  const seeds = options.seeds ?? [1, 2, 3];
  const tries = options.tries ?? 2;
  const events = options.events ?? silentChannel;
  const on = options.validation === undefined ? 'train' : 'validation';
  const plans = options.detectors.map((d) => ({ detector: d, remedies: remediesFor(d, options.settings, options.suggestedRate === undefined ? {} : { suggestedRate: options.suggestedRate }).slice(0, tries) }));
  const total = seeds.length * ((options.baseline === undefined ? 1 : 0) + plans.reduce((a, p) => a + p.remedies.length, 0));
  let done = 0;
  if (options.baseline !== undefined && (options.baseline.on.length !== seeds.length || options.baseline.train.length !== seeds.length)) {
    throw new InputError('E_VALUE', `repairAndVerify: baseline has ${options.baseline.on.length} losses for ${seeds.length} seeds`);
  }
  // Two detectors may share a fix (ReLU for vanishing gradients and for saturation): trained once.
  const measured = new Map<string, { on: number[]; train: number[] }>();
  const losses = async (settings: RepairSettings): Promise<{ on: number[]; train: number[] }> => {
    const key = JSON.stringify(settings);
    const known = measured.get(key);
    if (known !== undefined) return known;
    const out = { on: [] as number[], train: [] as number[] };
    measured.set(key, out);
    for (const seed of seeds) {
      const final = await finalLosses(settings, options.train, options.validation, seed);
      out.on.push(on === 'validation' ? final.validation : final.train);
      out.train.push(final.train);
      done += 1;
      events.emit({ type: 'progress', task: 'repair', done, total });
    }
    return out;
  };
  const { on: before, train: beforeTrain } = options.baseline === undefined ? await losses(options.settings) : { on: [...options.baseline.on], train: [...options.baseline.train] };
  const trials: RepairTrial[] = [];
  for (const plan of plans) {
    for (const remedy of plan.remedies) {
      const { on: after, train: afterTrain } = await losses(remedy.settings);
      const helped = Math.max(...after) < Math.min(...before);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const change = mean(after) - mean(before);
      const f = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
      trials.push({
        detector: plan.detector,
        remedy: remedy.name,
        description: remedy.description,
        settings: remedy.settings,
        on,
        seeds: [...seeds],
        before,
        after,
        beforeTrain,
        afterTrain,
        change,
        helped,
        finding: `${remedy.description} ${helped ? 'helped' : 'did not beat the noise'}: ${on} loss ${f(mean(before))} → ${f(mean(after))} (${seeds.length} seeds; before ${before.map(f).join(', ')}; after ${after.map(f).join(', ')})`,
      });
      if (helped) break;
    }
  }
  return trials;
}

async function finalLosses(settings: RepairSettings, train: Dataset, validation: Dataset | undefined, seed: number): Promise<{ train: number; validation: number }> {
  const model = createModel(settings.spec, { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  const result = await fit({
    model,
    train,
    ...(validation === undefined ? {} : { validation }),
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    ...(settings.clipNorm === undefined ? {} : { clipNorm: settings.clipNorm }),
    seed,
    divergence: false,
  });
  const finite = (loss: number | undefined) => (loss !== undefined && Number.isFinite(loss) ? loss : Number.POSITIVE_INFINITY);
  return { train: finite(result.final?.train.loss), validation: finite(result.final?.validation?.loss) };
}
