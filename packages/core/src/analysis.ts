/**
 * Reading what an analysis returned: a single piece of evidence, or an outcome with several
 * and a measurement.
 */
import type { AnalysisOutcome, Evidence } from './contracts.js';

/**
 * True when an analysis returned one piece of evidence (it has a `check`).
 * @example
 * if (isEvidence(result)) console.log(result.finding);
 */
export function isEvidence(result: Evidence | AnalysisOutcome): result is Evidence {
  return typeof (result as Evidence).check === 'string';
}

/**
 * The evidence an analysis returned, as a list (empty when it only measured).
 * @example
 * const [first] = evidenceOf(await lens.analyses.get('validate/shift-tests').run(context));
 */
export function evidenceOf(result: Evidence | AnalysisOutcome): Evidence[] {
  return isEvidence(result) ? [result] : [...(result.evidence ?? [])];
}
