/**
 * Evidence that agrees with the verdict: after the tree has decided, every evidence line that
 * points elsewhere (a learning curve that says "more data narrows the gap" beside a mismatch, a
 * training that "needs more steps" beside model bias) says that it was outweighed, and by what.
 * The verdict itself is not changed.
 */
import type { Evidence } from '@losslens/core';
import type { Measurements, RunSummary, Verdict } from './measurements.js';
import { beats, gapAllowance, type Thresholds } from './thresholds.js';
import { learningCurveVerdict, shiftIsDecisive, trainingBeaters } from './tree.js';

const fmt = (x: number | undefined): string => (x === undefined ? 'n/a' : String(Number(x.toPrecision(4))));

/** Why the held-out side of the tree (overfitting, mismatch, healthy) decided as it did, in words. */
function heldOutReason(verdict: Verdict, m: Measurements, t: Thresholds): string {
  const u = m.user;
  const allowance = gapAllowance(u.train, m.baseline.validation, t);
  const validationGap = u.validation - u.train;
  if (verdict === 'healthy') {
    const gap = (u.test ?? u.validation) - u.train;
    return `the ${u.test !== undefined ? 'test' : 'validation'} gap ${fmt(gap)} is within the allowed gap ${fmt(allowance)}, so the testing loss is small`;
  }
  if (verdict === 'overfitting') {
    if (u.test === undefined) return `the validation gap ${fmt(validationGap)} is beyond the allowed gap ${fmt(allowance)} and its noise: the model does not generalize to rows like its own`;
    return `the validation split, drawn like the training rows, shows the test gap too (validation gap ${fmt(validationGap)}, test gap ${fmt(u.test - u.train)}), or the test loss is within the validation loss's noise: nothing shows the test data differ`;
  }
  // mismatch
  const s = m.shift;
  if (shiftIsDecisive(s, t)) return `the inputs differ decisively between training and test (${s!.tests.filter((r) => r.shifted).map((r) => `${r.test} ${fmt(r.statistic)}`).join(', ')}) and the test gap is many times the validation gap`;
  if (s?.shifted === true) return 'the shift tests find that the test inputs differ from the training inputs, which more rows of the training kind do not fix';
  if (s === undefined) return `no shift test ran to rule a mismatch out, and the test loss ${fmt(u.test)} is above the validation loss ${fmt(u.validation)} by more than its noise`;
  return `the test loss ${fmt(u.test)} is above the validation loss ${fmt(u.validation)} by more than its noise, and more data does not close the test gap`;
}

/** Why model bias or optimization won, in words. */
function trainingReason(verdict: Verdict, m: Measurements, t: Thresholds): string {
  const beaters = trainingBeaters(m, t);
  const flexible = beaters.filter((r) => r.role === 'wider' || r.role === 'deeper' || r.role === 'flexible');
  const list = (runs: RunSummary[]) => runs.map((r) => `${r.label}: ${fmt(r.train)}`).join(', ');
  if (verdict === 'model-bias') {
    const longer = m.others.find((r) => r.role === 'longer' && !r.diverged);
    return flexible.length > 0
      ? `more flexible models reach a lower training loss on the same budget (${list(flexible)} vs ${fmt(m.user.train)})${longer ? `, and ${longer.label} does not close that gap` : ''}`
      : 'no run beats your model, and its gradients flow: nothing is there for more steps to find';
  }
  if (m.user.diverged) return 'training diverged';
  const shallower = beaters.filter((r) => r.role === 'shallower');
  if (shallower.length > 0) return `a shallower network trains lower (${list(shallower)} vs ${fmt(m.user.train)})`;
  const optimizer = beaters.filter((r) => r.role === 'optimizer');
  if (optimizer.length > 0) return `the same model trains lower with another optimizer (${list(optimizer)} vs ${fmt(m.user.train)})`;
  const longer = m.others.find((r) => r.role === 'longer' && !r.diverged);
  if (longer !== undefined && beats(longer.train, m.user.train, m.baseline.train, t)) return `${longer.label} closes the gap (${fmt(longer.train)} vs ${fmt(m.user.train)})`;
  return 'the gradients vanish or explode, so gradient descent cannot move the early layers';
}

/** Whether an evidence line, read alone, points to a verdict other than the one decided. */
function pointsElsewhere(e: Evidence, verdict: Verdict, m: Measurements, t: Thresholds): boolean {
  switch (e.check) {
    case 'learning-curve': {
      const helps = learningCurveVerdict(m, t)?.helps;
      return helps === true ? verdict !== 'overfitting' : verdict === 'overfitting';
    }
    case 'train-test-shift':
      return m.shift?.shifted === true ? verdict !== 'mismatch' : verdict === 'mismatch';
    case 'other-optimizer':
    case 'shallower-vs-deeper':
      return verdict !== 'optimization';
    case 'more-flexible-model':
      return verdict !== 'model-bias';
    case 'critical-point':
      // "it needs more or better steps", or a stall at a saddle: an optimization finding.
      return verdict === 'model-bias' && (m.critical?.kind === 'not-critical' || m.critical?.kind === 'saddle-point');
    case 'gradient-flow': {
      const r = m.gradientFlow?.firstToLast;
      return verdict === 'model-bias' && r !== undefined && (r < t.vanishingRatio || r > 1 / t.vanishingRatio);
    }
    default:
      return false;
  }
}

/**
 * The tree's evidence with every line that points away from `verdict` marked: its finding ends
 * "— outweighed: …" naming what decided instead, and its values carry `outweighedBy`.
 * Lines that support the verdict are returned unchanged.
 * @example
 * const evidence = reconcileEvidence('mismatch', decision.evidence, measurements, defaultThresholds);
 * // learning-curve: "… more data narrows it (a sign of overfitting) — outweighed: the inputs differ decisively …"
 */
export function reconcileEvidence(verdict: Verdict, evidence: readonly Evidence[], m: Measurements, t: Thresholds): Evidence[] {
  const heldOut = verdict === 'overfitting' || verdict === 'mismatch' || verdict === 'healthy';
  return evidence.map((e) => {
    if (!pointsElsewhere(e, verdict, m, t)) return e;
    const reason = heldOut ? heldOutReason(verdict, m, t) : trainingReason(verdict, m, t);
    return { ...e, finding: `${e.finding} — outweighed (verdict ${verdict}): ${reason}`, values: { ...e.values, outweighedBy: reason } };
  });
}
