/**
 * The lecture's decision tree (LECTURE.md §1) as pure functions of measurements:
 * training loss large? → model bias or optimization issue; small → test loss large? →
 * overfitting or mismatch; else healthy. Every step returns the evidence it used, with the
 * threshold beside the measured value.
 */
import type { Evidence } from '@losslens/core';
import { healthEvidence, healthPointsToOptimization, verdictDetail } from './health-evidence.js';
import type { Measurements, RunSummary, ShiftSummary, Verdict } from './measurements.js';
import { reconcileEvidence } from './agreement.js';
import { seedStandardError } from './seed-error.js';
import { beats, gapAllowance, gapIsLarge, type Thresholds } from './thresholds.js';

/** A node of the tree that the verdict's path passed through. */
export type TreeNode =
  | 'training-loss-large'
  | 'training-loss-small'
  | 'model-bias'
  | 'optimization'
  | 'testing-loss-large'
  | 'testing-loss-small'
  | 'overfitting'
  | 'mismatch'
  | 'healthy';

/** The tree's answer. */
export interface Decision {
  verdict: Verdict;
  path: TreeNode[];
  evidence: Evidence[];
  /**
   * For an optimization issue that the health detectors explain: what failed, e.g.
   * "optimization issue: vanishing gradients in layers 1–5 (ratio 0.0012 to the output layer, below 0.03)".
   */
  detail?: string;
}

const round = (x: number | undefined): number | undefined =>
  x === undefined || !Number.isFinite(x) ? x : Number(x.toPrecision(4));
const fmt = (x: number | undefined): string => (x === undefined ? 'n/a' : String(round(x)));

/** Runs that can show the user's training loss is not the best reachable. */
const COMPARABLE = new Set(['shallower', 'deeper', 'wider', 'flexible', 'optimizer']);

/**
 * Runs that show the user's training loss is not the best reachable. A shallower relative must
 * beat the training loss and be no worse on validation (the lecture's test: a deeper net that
 * trains worse than a shallower one). A more flexible model or another optimizer must beat the
 * training AND the validation loss, so a model that merely memorizes noise (lower training loss,
 * no better on held-out rows) does not call a healthy model biased.
 */
export function trainingBeaters(m: Measurements, t: Thresholds): RunSummary[] {
  // With runs repeated on several seeds the losses are means; a lead counts only beyond the
  // noise of the seeds (`standardErrors` × the standard error of the difference of the means).
  const clearly = (a: RunSummary, b: RunSummary, key: 'train' | 'validation') =>
    a[key] < b[key] - t.standardErrors * Math.hypot(seedStandardError(a, key), seedStandardError(b, key));
  return m.others.filter((run) => {
    if (!COMPARABLE.has(run.role) || run.diverged || !beats(run.train, m.user.train, m.baseline.train, t) || !clearly(run, m.user, 'train')) return false;
    return run.role === 'shallower'
      ? !(beats(m.user.validation, run.validation, m.baseline.validation, t) && clearly(m.user, run, 'validation'))
      : beats(run.validation, m.user.validation, m.baseline.validation, t) && clearly(run, m.user, 'validation');
  });
}

/**
 * Why a small training loss counts as small, in words: the lowest comparison run is above it,
 * within the margin of it (the margin given), or below it by more than the margin but not
 * counted (no better on held-out rows, or inside the seeds' noise).
 * @example
 * smallTrainingLossFinding(m, defaultThresholds, best);
 * // 'training loss 0.1983 is within the margin 0.05 of the lowest comparison run (wider mlp:64x64:relu: 0.1505) …'
 */
export function smallTrainingLossFinding(m: Measurements, t: Thresholds, best: RunSummary | undefined): string {
  const u = m.user;
  const base = m.baseline.train;
  const margin = Math.max(t.marginOfBaseline * base, t.marginRelative * u.train);
  const rule = `the larger of ${100 * t.marginOfBaseline} % of the baseline ${fmt(base)} and ${100 * t.marginRelative} % of yours`;
  if (best === undefined) return `training loss ${fmt(u.train)} is below the baseline ${fmt(base)} by more than the margin ${fmt(margin)}; no comparison run trained`;
  if (best.train >= u.train) return `training loss ${fmt(u.train)} is the lowest of all runs (next: ${best.label}, ${fmt(best.train)})`;
  if (!beats(best.train, u.train, base, t)) {
    return `training loss ${fmt(u.train)} is within the margin ${fmt(margin)} of the lowest comparison run (${best.label}: ${fmt(best.train)}); a run must be more than the margin lower to count (${rule})`;
  }
  const why =
    best.role === 'shallower'
      ? `your model validates better (${fmt(u.validation)} vs ${fmt(best.validation)})`
      : !beats(best.validation, u.validation, m.baseline.validation, t)
        ? `its validation loss ${fmt(best.validation)} is not lower than yours (${fmt(u.validation)}) by the margin: it fits the training rows, not the task`
        : 'its lead is within the noise of the seeds';
  return `${best.label} reaches training loss ${fmt(best.train)}, more than the margin ${fmt(margin)} below yours (${fmt(u.train)}), but does not count: ${why}`;
}

/**
 * Is the training loss large? Large when training diverged, or when a relative or another
 * optimizer reaches a clearly lower training loss, and a lower validation loss with it (your
 * training loss is not the best this data allows).
 * @example
 * const { large, evidence } = assessTrainingLoss(measurements, defaultThresholds);
 */
export function assessTrainingLoss(m: Measurements, t: Thresholds): { large: boolean; evidence: Evidence[] } {
  const base = m.baseline.train;
  const beaters = trainingBeaters(m, t);
  const best = [...m.others.filter((r) => COMPARABLE.has(r.role) && !r.diverged)].sort((a, b) => a.train - b.train)[0];
  const atBaseline = !m.user.diverged && !beats(m.user.train, base, base, t);
  const large = m.user.diverged || beaters.length > 0 || atBaseline;
  const evidence: Evidence[] = [
    {
      check: 'training-loss',
      finding: m.user.diverged
        ? `training diverged (loss became non-finite or exploded) after ${m.user.epochs} epochs`
        : large
          ? `training loss ${fmt(m.user.train)} is large: ${beaters.map((r) => `${r.label} reaches ${fmt(r.train)}`).join('; ')}`
          : smallTrainingLossFinding(m, t, best),
      values: {
        train: round(m.user.train),
        baseline: round(base),
        ratioToBaseline: round(m.user.train / base),
        bestComparison: best ? { label: best.label, train: round(best.train), validation: round(best.validation) } : null,
        beatenBy: beaters.map((r) => ({ label: r.label, role: r.role, train: round(r.train), validation: round(r.validation) })),
        margin: round(Math.max(t.marginOfBaseline * base, t.marginRelative * m.user.train)),
        thresholds: { marginOfBaseline: t.marginOfBaseline, marginRelative: t.marginRelative },
      },
    },
  ];
  if (atBaseline) {
    evidence.push({
      check: 'baseline',
      finding:
        beaters.length > 0
          ? `your model does no better than the trivial baseline (${fmt(base)}) on training data`
          : `no run beats the trivial baseline (${fmt(base)}) on training data: the inputs may not carry the information the target needs`,
      values: { train: round(m.user.train), baseline: round(base), threshold: round(base - Math.max(t.marginOfBaseline * base, t.marginRelative * base)) },
    });
  }
  return { large, evidence };
}

/**
 * Model bias or optimization issue, for a large training loss. Optimization when training
 * diverged, when a SHALLOWER relative trains to a lower loss (He et al.: 56 layers worse than
 * 20 on training data), or when the same model trains lower with another optimizer and no
 * more flexible model does better still, or when a model no better than the trivial baseline has
 * vanishing/exploding gradients. Model bias when a more flexible model trains lower, or when
 * nothing beats a model that is no better than the baseline and its gradients flow.
 * @example
 * biasOrOptimization(measurements, defaultThresholds).verdict; // 'model-bias'
 */
export function biasOrOptimization(m: Measurements, t: Thresholds): { verdict: Verdict; evidence: Evidence[] } {
  const base = m.baseline.train;
  const beaters = trainingBeaters(m, t);
  const shallower = beaters.filter((r) => r.role === 'shallower');
  const optimizer = beaters.filter((r) => r.role === 'optimizer');
  const flexible = beaters.filter((r) => r.role === 'wider' || r.role === 'deeper' || r.role === 'flexible');
  const bestOptimizer = optimizer.sort((a, b) => a.train - b.train)[0];
  const flexibleBeyondOptimizer =
    bestOptimizer !== undefined && flexible.some((r) => beats(r.train, bestOptimizer.train, base, t));
  const evidence: Evidence[] = [];
  const comparison = (runs: RunSummary[]) => runs.map((r) => ({ label: r.label, spec: r.spec, train: round(r.train), parameters: r.parameters }));

  if (shallower.length > 0) {
    evidence.push({
      check: 'shallower-vs-deeper',
      finding: `a shallower network reaches a lower TRAINING loss than yours (${shallower.map((r) => `${r.label}: ${fmt(r.train)}`).join(', ')} vs ${fmt(m.user.train)}): the deeper model can represent it, so gradient descent is failing to find it`,
      values: { user: { spec: m.user.spec, train: round(m.user.train), parameters: m.user.parameters }, shallower: comparison(shallower) },
    });
  }
  if (optimizer.length > 0) {
    evidence.push({
      check: 'other-optimizer',
      finding: `the same model trains to ${fmt(bestOptimizer?.train)} with ${bestOptimizer?.label} (yours: ${fmt(m.user.train)}): the needle is in the haystack`,
      values: { user: { optimizer: m.user.optimizer, learningRate: m.user.learningRate, train: round(m.user.train) }, runs: comparison(optimizer) },
    });
  }
  if (flexible.length > 0) {
    evidence.push({
      check: 'more-flexible-model',
      finding: `more flexible models reach a lower training loss (${flexible.map((r) => `${r.label}: ${fmt(r.train)}`).join(', ')} vs ${fmt(m.user.train)})`,
      values: { user: { spec: m.user.spec, train: round(m.user.train), parameters: m.user.parameters }, flexible: comparison(flexible) },
    });
  }
  const flowState =
    m.gradientFlow === undefined
      ? undefined
      : m.gradientFlow.firstToLast < t.vanishingRatio
        ? 'vanishing'
        : m.gradientFlow.firstToLast > 1 / t.vanishingRatio
          ? 'exploding'
          : 'healthy';
  if (m.gradientFlow !== undefined) {
    const r = m.gradientFlow.firstToLast;
    const state = flowState;
    evidence.push({
      check: 'gradient-flow',
      finding: `first-layer gradient norm is ${fmt(r)}× the last layer's at initialization (${state})`,
      values: { firstToLast: round(r), state, layers: m.gradientFlow.layers.map((l) => ({ name: l.name, norm: round(l.norm) })), threshold: t.vanishingRatio },
    });
  }
  evidence.push(...healthEvidence(m));
  if (m.critical !== undefined) {
    const c = m.critical;
    evidence.push({
      check: 'critical-point',
      finding:
        c.kind === 'not-critical'
          ? `training stopped away from a critical point (gradient norm ${fmt(c.gradientNorm)}): it needs more or better steps`
          : `training stalls at a ${c.kind}${c.flatDirections ? ` with ${c.flatDirections} flat direction${c.flatDirections === 1 ? '' : 's'} of ${c.parameters}` : ''} (gradient norm ${fmt(c.gradientNorm)}, minimum ratio ${fmt(c.minimumRatio)}, eigenvalues ${fmt(c.minEigenvalue)}…${fmt(c.maxEigenvalue)})${
              c.escape ? `; a step along the most negative eigenvector lowers the loss ${fmt(c.escape.lossBefore)} → ${fmt(c.escape.lossAfter)}` : ''
            }`,
      values: { ...c },
    });
  }

  if (m.user.diverged) {
    evidence.unshift({
      check: 'divergence',
      finding: `training diverged with ${m.user.optimizer} at learning rate ${m.user.learningRate}`,
      values: { optimizer: m.user.optimizer, learningRate: m.user.learningRate, epochs: m.user.epochs },
    });
    return { verdict: 'optimization', evidence };
  }
  if (shallower.length > 0) return { verdict: 'optimization', evidence };
  if (optimizer.length > 0 && !flexibleBeyondOptimizer) return { verdict: 'optimization', evidence };
  // Before calling model bias: is your model merely under-trained? The same model and settings,
  // trained longer, closing the gap to the more flexible models is not enough training.
  const longer = m.others.find((r) => r.role === 'longer' && !r.diverged);
  if (longer !== undefined) {
    const improves = beats(longer.train, m.user.train, base, t);
    const stillBeaten = flexible.filter((r) => beats(r.train, longer.train, base, t));
    const closes = improves && stillBeaten.length === 0 && !(flexible.length === 0 && !beats(longer.train, base, base, t));
    evidence.push({
      check: 'longer-run',
      finding: closes
        ? `${longer.label} reaches training loss ${fmt(longer.train)} (yours: ${fmt(m.user.train)})${
            flexible.length ? `, which no more flexible model beats` : ''
          }: it is under-trained, not too simple`
        : `${longer.label} reaches training loss ${fmt(longer.train)} (yours: ${fmt(m.user.train)})${
            stillBeaten.length ? `; ${stillBeaten.map((r) => `${r.label} still reaches ${fmt(r.train)}`).join(', ')}` : ''
          }: training longer or better does not close the gap`,
      values: {
        user: { epochs: m.user.epochs, train: round(m.user.train), gradientNorm: round(m.user.gradientNorm) },
        longer: { label: longer.label, optimizer: longer.optimizer, epochs: longer.epochs, train: round(longer.train), validation: round(longer.validation), gradientNorm: round(longer.gradientNorm) },
        closesGap: closes,
        stillBeatenBy: stillBeaten.map((r) => ({ label: r.label, train: round(r.train) })),
      },
    });
    if (closes) return { verdict: 'optimization', evidence };
  }
  if (flexible.length > 0) return { verdict: 'model-bias', evidence };
  // Nothing beats a model that is no better than the baseline. If its gradients vanish or
  // explode (at initialization, or per the health detectors on a recorded run: also dead,
  // saturated or non-finite units), gradient descent cannot move the early layers: optimization.
  // Otherwise nothing is there to find: the lecture's model-bias remedy applies (more flexible
  // model, better features).
  if (beaters.length === 0) {
    const stuck = flowState === 'vanishing' || flowState === 'exploding' || healthPointsToOptimization(m);
    return { verdict: stuck ? 'optimization' : 'model-bias', evidence };
  }
  return { verdict: 'optimization', evidence };
}

/**
 * Decisive shift evidence: some input's training and test ranges barely overlap (KS D at least
 * `decisiveKs`) or a classifier tells test rows from training rows (AUC at least `decisiveAuc`).
 * @example
 * shiftIsDecisive({ shifted: true, alpha: 0.05, tests: [{ test: 'ks', statistic: 1, shifted: true }], drivers: [] }, defaultThresholds); // true
 */
export function shiftIsDecisive(s: ShiftSummary | undefined, t: Thresholds): boolean {
  if (s === undefined || !s.shifted) return false;
  return s.tests.some((r) => r.shifted && ((r.test === 'ks' && r.statistic >= t.decisiveKs) || (r.test === 'domain-classifier' && r.statistic >= t.decisiveAuc)));
}

/**
 * What the learning curve says, with two or more points: on which gap (test when a test set
 * was given, else validation), the gap at the smallest and largest size, and whether more data
 * closes it (the largest-size gap at most `learningCurveShrink` of the smallest-size one).
 * @example
 * learningCurveVerdict(m, defaultThresholds); // { on: 'test', gapSmallest: 0.17, gapLargest: 0.11, helps: true }
 */
export function learningCurveVerdict(m: Measurements, t: Thresholds): { on: 'test' | 'validation'; gapSmallest: number; gapLargest: number; helps: boolean } | undefined {
  const curve = m.learningCurve;
  if (curve === undefined || curve.length < 2) return undefined;
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  // With a test set the question is whether more data of the same kind closes the TEST gap.
  const on = m.user.test !== undefined && first.test !== undefined && last.test !== undefined ? 'test' : 'validation';
  const gapAt = (p: typeof first) => (on === 'test' ? p.test! : p.validation) - p.train;
  const g0 = gapAt(first);
  const g1 = gapAt(last);
  return { on, gapSmallest: g0, gapLargest: g1, helps: g0 > 0 && g1 <= t.learningCurveShrink * g0 };
}

/**
 * Overfitting or mismatch, for a small training loss. With a test set, its gap decides whether
 * the testing loss is large (the lecture's node); the validation gap is evidence, and counts only
 * beyond its own noise (`standardErrors` × the validation loss's standard error). A large test gap
 * is overfitting when the validation split shows most of it — unless the shift tests are
 * decisive and the test gap is several times the validation gap (mismatch, and the model also
 * overfits). A mismatch needs evidence that the test data differ: with no input shift and a test
 * loss within the validation loss's noise, the large test gap is overfitting. Otherwise it is a
 * mismatch, unless the shift tests see nothing AND the learning curve shows more data closing
 * the TEST gap (overfitting a small validation split missed). Both gaps are measured against the
 * in-distribution (validation) baseline.
 * Without a test set, the validation gap decides.
 * @example
 * overfittingOrMismatch(measurements, defaultThresholds).verdict; // 'mismatch'
 */
export function overfittingOrMismatch(
  m: Measurements,
  t: Thresholds,
): { verdict: Verdict; testingLarge: boolean; evidence: Evidence[] } {
  const u = m.user;
  const base = m.baseline.validation;
  const allowance = gapAllowance(u.train, base, t);
  const validationGap = u.validation - u.train;
  const se = u.validationStandardError;
  const noise = se === undefined ? 0 : t.standardErrors * se;
  const beyondAllowance = gapIsLarge(u.validation, u.train, base, t);
  const validationLarge = beyondAllowance && validationGap > noise;
  const testGap = u.test === undefined ? undefined : u.test - u.train;
  // Both gaps in units of the in-distribution baseline: a shifted test set's larger trivial loss
  // must not hide the very gap that points to the shift.
  const testLarge = u.test !== undefined && gapIsLarge(u.test, u.train, base, t);
  const evidence: Evidence[] = [
    {
      check: 'generalization-gap',
      finding:
        `validation loss ${fmt(u.validation)}${se !== undefined ? ` ± ${fmt(se)} (standard error, ${m.validationRows ?? '?'} rows)` : ''} (gap ${fmt(validationGap)}${
          validationLarge ? ', large' : beyondAllowance ? `, inside ${t.standardErrors} standard errors: not decided on` : ''
        })` +
        (u.test !== undefined ? `, test loss ${fmt(u.test)} (gap ${fmt(testGap)}${testLarge ? ', large' : ''}; the test gap decides)` : ', no test set given') +
        ` vs training loss ${fmt(u.train)}; allowed gap ${fmt(allowance)}`,
      values: {
        train: round(u.train),
        validation: round(u.validation),
        test: round(u.test),
        validationGap: round(validationGap),
        testGap: round(testGap),
        allowedGap: round(allowance),
        validationRows: m.validationRows ?? null,
        validationStandardError: round(se) ?? null,
        validationGapLarge: validationLarge,
        decidedBy: u.test !== undefined ? 'test' : 'validation',
        thresholds: {
          gapOfBaseline: t.gapOfBaseline,
          gapRelative: t.gapRelative,
          standardErrors: t.standardErrors,
          validationShareOfTestGap: t.validationShareOfTestGap,
          decisiveShiftGapRatio: t.decisiveShiftGapRatio,
        },
      },
    },
  ];
  const curve = m.learningCurve;
  const helps = learningCurveVerdict(m, t);
  const moreDataHelps = helps?.helps;
  if (curve !== undefined && helps !== undefined) {
    const first = curve[0]!;
    const last = curve[curve.length - 1]!;
    evidence.push({
      check: 'learning-curve',
      finding: `the ${helps.on} gap goes ${fmt(helps.gapSmallest)} → ${fmt(helps.gapLargest)} as training rows grow ${first.size} → ${last.size}: more data ${moreDataHelps ? 'narrows it (a sign of overfitting)' : 'does not close it'}`,
      values: { on: helps.on, points: curve.map((p) => ({ ...p })), gapSmallest: round(helps.gapSmallest), gapLargest: round(helps.gapLargest), shrinkThreshold: t.learningCurveShrink },
    });
  }
  const decisive = shiftIsDecisive(m.shift, t);
  if (m.shift !== undefined) {
    const s = m.shift;
    const describe = (list: ShiftSummary['tests']) =>
      list.map((r) => `${r.test} ${fmt(r.statistic)}${r.pValue !== undefined ? `, p = ${fmt(r.pValue)}` : ''}`).join('; ');
    evidence.push({
      check: 'train-test-shift',
      finding: s.shifted
        ? `training and test inputs differ${decisive ? ' decisively' : ''} (${describe(s.tests.filter((r) => r.shifted))})${s.drivers.length ? `, driven by ${s.drivers.slice(0, 3).join(', ')}` : ''}`
        : `no detectable difference between training and test inputs at α = ${s.alpha} (${describe(s.tests)})`,
      values: { ...s, decisive, thresholds: { decisiveKs: t.decisiveKs, decisiveAuc: t.decisiveAuc } },
    });
  }

  // No test set: the validation split is the only held-out loss.
  if (u.test === undefined) return { verdict: validationLarge ? 'overfitting' : 'healthy', testingLarge: validationLarge, evidence };
  // With a test set, its gap decides the testing-loss node (the lecture: small → done).
  if (!testLarge) return { verdict: 'healthy', testingLarge: false, evidence };
  const tg = testGap ?? 0;
  // Decisive shift evidence and a test gap several times the validation gap: mismatch, whether or
  // not the model also overfits a little.
  if (decisive && tg >= t.decisiveShiftGapRatio * Math.max(validationGap, 0)) {
    if (validationLarge) {
      evidence.push({
        check: 'also-overfits',
        finding: `the validation gap ${fmt(validationGap)} is large too: besides the mismatch, the model overfits a little (the test gap ${fmt(tg)} is ${fmt(tg / validationGap)}× it)`,
        values: { validationGap: round(validationGap), testGap: round(tg), ratio: round(tg / validationGap), threshold: t.decisiveShiftGapRatio },
      });
    }
    return { verdict: 'mismatch', testingLarge: true, evidence };
  }
  // The validation split shows most of the test gap: the model does not generalize (overfitting).
  if (validationLarge && validationGap >= t.validationShareOfTestGap * tg) return { verdict: 'overfitting', testingLarge: true, evidence };
  // A mismatch needs evidence that the test data differ: a detected input shift, or a test loss
  // above the validation loss by more than the validation loss's noise. With neither, the large
  // test gap is the model not generalizing, which a small validation split could not show
  // beyond its noise: overfitting.
  const testOverValidation = u.test - u.validation;
  const testBeyondValidation = testOverValidation > noise;
  if (m.shift !== undefined && !m.shift.shifted && !testBeyondValidation) {
    evidence.push({
      check: 'test-vs-validation',
      finding: `the test loss ${fmt(u.test)} is within ${t.standardErrors} standard errors of the validation loss ${fmt(u.validation)} (difference ${fmt(testOverValidation)}, noise ${fmt(noise)}) and the inputs show no shift: nothing shows the test data differ, so the test gap is overfitting`,
      values: { test: round(u.test), validation: round(u.validation), difference: round(testOverValidation), noise: round(noise), standardErrors: t.standardErrors },
    });
    return { verdict: 'overfitting', testingLarge: true, evidence };
  }
  // Otherwise the test data look different. A small validation split can miss overfitting, so
  // when the inputs show no shift and more data closes the TEST gap, it is overfitting after all.
  const overfit = m.shift !== undefined && !m.shift.shifted && moreDataHelps === true;
  return { verdict: overfit ? 'overfitting' : 'mismatch', testingLarge: true, evidence };
}

/**
 * Walks the whole tree. Evidence lines that point away from the verdict say what outweighed
 * them (see `reconcileEvidence`).
 * @example
 * const { verdict, path } = decide(measurements, defaultThresholds);
 * // path: ['training-loss-small', 'testing-loss-large', 'mismatch']
 */
export function decide(m: Measurements, t: Thresholds): Decision {
  const training = assessTrainingLoss(m, t);
  if (training.large) {
    const { verdict, evidence } = biasOrOptimization(m, t);
    const detail = verdict === 'optimization' ? verdictDetail(m) : undefined;
    return { verdict, path: ['training-loss-large', verdict as TreeNode], evidence: reconcileEvidence(verdict, [...training.evidence, ...evidence], m, t), ...(detail !== undefined ? { detail } : {}) };
  }
  const held = overfittingOrMismatch(m, t);
  return {
    verdict: held.verdict,
    path: ['training-loss-small', held.testingLarge ? 'testing-loss-large' : 'testing-loss-small', held.verdict as TreeNode],
    evidence: reconcileEvidence(held.verdict, [...training.evidence, ...held.evidence], m, t),
  };
}
