/**
 * What the loss curves alone can say, with no data and no model: divergence, a plateau, an
 * oscillating loss, the epoch overfitting sets in, and the train/validation gap; and what they
 * cannot decide (model bias vs optimization, whether the loss is small, mismatch, which layer).
 */
import { healthThresholds, upShare } from '@losslens/health';
import type { TrainingLog } from './read-history.js';

/** The curve checks, in report order. */
export const curveCheckNames = ['divergence', 'plateau', 'oscillation', 'overfitting-onset', 'generalization-gap'] as const;
export type CurveCheckName = (typeof curveCheckNames)[number];

/** One check on the curves. */
export interface CurveFinding {
  check: CurveCheckName;
  fired: boolean;
  /** One sentence with the measured value and the threshold. */
  finding: string;
  /** The measured value (NaN when the log does not allow the check). */
  value: number;
  threshold: number;
  /** The epoch it refers to, as the log numbers epochs. */
  epoch?: number;
}

/** Thresholds of {@link diagnoseCurves}. */
export interface CurveThresholds {
  /** Divergence: the last finite training loss above this multiple of the first. Default 1.5. */
  divergenceGrowth: number;
  /** Plateau: the training loss fell by less than this share of its first value. Default 0.05 (health's plateau threshold). */
  plateauImprovement: number;
  /** Oscillation: share of epoch-to-epoch steps that raise the training loss by more than `oscillationStep`. Default 0.2. */
  oscillationShare: number;
  oscillationStep: number;
  /** Oscillation needs this many epochs. Default 6. */
  oscillationMinEpochs: number;
  /** Overfitting onset: the validation loss ends this share above its minimum while the training loss fell after it. Default 0.1. */
  overfitRise: number;
  /** Gap: the final validation loss above this multiple of the final training loss. Default 1.5. */
  gapRatio: number;
}

export const curveThresholds: Readonly<CurveThresholds> = Object.freeze({
  divergenceGrowth: 1.5,
  plateauImprovement: healthThresholds.plateauImprovement,
  oscillationShare: healthThresholds.oscillationShare,
  oscillationStep: healthThresholds.oscillationStep,
  oscillationMinEpochs: healthThresholds.oscillationMinEpochs,
  overfitRise: 0.1,
  gapRatio: 1.5,
});

/** The log-only diagnosis. */
export interface CurveDiagnosis {
  file: string;
  format: TrainingLog['format'];
  epochs: number;
  /** Column names read as the training and validation losses. */
  columns: { train: string; validation?: string };
  findings: CurveFinding[];
  /** What the curves cannot decide, each with what would decide it. */
  undecidable: string[];
  /** One line: the fired findings, or that the curves show none of them. */
  summary: string;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/**
 * Reads a training log's curves with named thresholds (see {@link curveThresholds}).
 * @example
 * const d = diagnoseCurves(parseHistory(text, 'log.csv'));
 * d.findings.filter((f) => f.fired).map((f) => f.finding);
 */
export function diagnoseCurves(log: TrainingLog, overrides: Partial<CurveThresholds> = {}): CurveDiagnosis {
  const t: CurveThresholds = { ...curveThresholds, ...overrides };
  const train = log.series[log.trainKey] as number[];
  const validation = log.validationKey === undefined ? undefined : (log.series[log.validationKey] as number[]);
  const epochOf = (i: number) => log.epochs[i] as number;
  const findings: CurveFinding[] = [];

  // Divergence: a non-finite loss, or the loss grew well past its start.
  const bad = train.findIndex((v) => !Number.isFinite(v));
  const finite = bad < 0 ? train : train.slice(0, bad);
  const first = finite[0] ?? Number.NaN;
  const lastFinite = finite.at(-1) ?? Number.NaN;
  const growth = lastFinite / first;
  if (bad >= 0) {
    findings.push({ check: 'divergence', fired: true, finding: `diverged: the training loss is ${train[bad]} from epoch ${epochOf(bad)} on (the log writes NaN as nan, tfjs's JSON as null)`, value: Number.NaN, threshold: t.divergenceGrowth, epoch: epochOf(bad) });
  } else {
    const fired = growth > t.divergenceGrowth;
    findings.push({ check: 'divergence', fired, finding: fired ? `diverging: the training loss ends at ${fmt(growth)} × its first value (${fmt(first)} → ${fmt(lastFinite)}), above ${t.divergenceGrowth} ×` : `no divergence: the training loss ends at ${fmt(growth)} × its first value (diverging above ${t.divergenceGrowth} ×)`, value: growth, threshold: t.divergenceGrowth });
  }

  // Plateau: the training loss hardly fell over the run.
  const best = Math.min(...finite);
  const improvement = (first - best) / Math.abs(first);
  const plateau = finite.length >= 2 && improvement < t.plateauImprovement;
  findings.push({ check: 'plateau', fired: plateau, finding: finite.length < 2 ? 'needs two finite epochs' : plateau ? `plateau: the training loss fell by only ${fmt(100 * improvement)} % of its first value ${fmt(first)} over ${finite.length} epochs (threshold ${fmt(100 * t.plateauImprovement)} %)` : `the training loss fell by ${fmt(100 * improvement)} % of its first value (plateau below ${fmt(100 * t.plateauImprovement)} %)`, value: improvement, threshold: t.plateauImprovement });

  // Oscillation: many epochs raise the loss.
  if (finite.length < t.oscillationMinEpochs) {
    findings.push({ check: 'oscillation', fired: false, finding: `needs ${t.oscillationMinEpochs} finite epochs, the log has ${finite.length}`, value: Number.NaN, threshold: t.oscillationShare });
  } else {
    const share = upShare(finite, t.oscillationStep);
    const fired = share >= t.oscillationShare;
    findings.push({ check: 'oscillation', fired, finding: `${fmt(100 * share)} % of epochs raised the training loss by more than ${fmt(100 * t.oscillationStep)} % (${fired ? 'oscillating: ' : ''}threshold ${fmt(100 * t.oscillationShare)} %)`, value: share, threshold: t.oscillationShare });
  }

  // Overfitting onset and the gap need a validation curve.
  if (validation === undefined) {
    findings.push({ check: 'overfitting-onset', fired: false, finding: 'the log has no validation loss (val_loss)', value: Number.NaN, threshold: t.overfitRise });
    findings.push({ check: 'generalization-gap', fired: false, finding: 'the log has no validation loss (val_loss)', value: Number.NaN, threshold: t.gapRatio });
  } else {
    const vEnd = validation.length - 1;
    const vFinite = validation.every(Number.isFinite);
    let argmin = 0;
    validation.forEach((v, i) => {
      if (v < (validation[argmin] as number)) argmin = i;
    });
    const vMin = validation[argmin] as number;
    const rise = (validation[vEnd] as number) / vMin - 1;
    const trainFell = (train[vEnd] as number) < (train[argmin] as number);
    const onset = vFinite && argmin < vEnd && rise > t.overfitRise && trainFell;
    findings.push({
      check: 'overfitting-onset',
      fired: onset,
      finding: !vFinite
        ? 'the validation loss is not finite in every epoch'
        : onset
          ? `overfitting from epoch ${epochOf(argmin)}: the validation loss was lowest there (${fmt(vMin)}) and ends ${fmt(100 * rise)} % higher while the training loss kept falling (threshold ${fmt(100 * t.overfitRise)} %); stop there, e.g. earlyStopping({ restoreBestWeights: true })`
          : `no overfitting onset: the validation loss ends ${fmt(100 * rise)} % above its minimum at epoch ${epochOf(argmin)} (threshold ${fmt(100 * t.overfitRise)} %${trainFell || argmin === vEnd ? '' : ', and the training loss did not fall after it'})`,
      value: rise,
      threshold: t.overfitRise,
      epoch: epochOf(argmin),
    });
    const trainEnd = train[vEnd] as number;
    const ratio = (validation[vEnd] as number) / trainEnd;
    const gap = Number.isFinite(ratio) && ratio > t.gapRatio;
    findings.push({ check: 'generalization-gap', fired: gap, finding: `${gap ? 'a train/validation gap: ' : ''}the final validation loss ${fmt(validation[vEnd] as number)} is ${fmt(ratio)} × the training loss ${fmt(trainEnd)} (gap above ${t.gapRatio} ×)`, value: ratio, threshold: t.gapRatio, epoch: epochOf(vEnd) });
  }

  const undecidable = [
    'model bias vs optimization: a large training loss can mean the model is too simple or that training does not find a good point; deciding needs the comparison runs on the data (a shallower model, another optimizer): `losslens diagnose --train …` or watch() with diagnose({ comparisons: true })',
    'whether the loss is small: needs the loss of a constant prediction on the data (the baseline)',
    validation === undefined ? 'overfitting: needs a validation loss in the log (val_loss)' : 'overfitting vs mismatch: a large test loss needs the test data to tell them apart',
    'which layer is at fault (vanishing or exploding gradients, dead or saturated units): needs the per-layer signals that watch() records',
  ];
  const fired = findings.filter((f) => f.fired);
  const summary = fired.length === 0 ? 'the curves show no divergence, plateau, oscillation or overfitting' : fired.map((f) => f.finding.split(':')[0]).join('; ');
  return { file: log.file, format: log.format, epochs: train.length, columns: { train: log.trainKey, ...(log.validationKey ? { validation: log.validationKey } : {}) }, findings, undecidable, summary };
}

/**
 * The log-only diagnosis as Markdown: the findings table, then what the curves cannot decide.
 * @example
 * process.stdout.write(curveMarkdown(diagnoseCurves(log)));
 */
export function curveMarkdown(d: CurveDiagnosis): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `# What the curves show: ${d.summary}`,
    '',
    `${d.file}: ${d.epochs} epochs (${d.format}; training loss \`${d.columns.train}\`${d.columns.validation ? `, validation loss \`${d.columns.validation}\`` : ''}).`,
    '',
    '| check | fired | value | threshold | finding |',
    '|---|:---:|---:|---:|---|',
    ...d.findings.map((f) => `| ${f.check} | ${f.fired ? 'yes' : 'no'} | ${fmt(f.value)} | ${fmt(f.threshold)} | ${cell(f.finding)} |`),
    '',
    '## What the curves alone cannot decide',
    '',
    ...d.undecidable.map((u) => `- ${u}`),
    '',
  ];
  return lines.join('\n');
}
