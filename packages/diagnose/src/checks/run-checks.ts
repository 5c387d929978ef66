/**
 * Runs the diagnosis's checks in waves: each wave holds the checks whose needs are measured;
 * they run side by side (their training runs share one worker pool) and what they measure is
 * merged in check order, so the result does not depend on timing.
 */
import { createRng, evidenceOf, isEvidence, isInputError, type Analysis, type Evidence } from '@losslens/core';
import type { Measurements } from '../measurements.js';
import type { Thresholds } from '../thresholds.js';
import { decide } from '../tree.js';
import type { DiagnosisContext } from './context.js';
import { isDiagnosisStopped } from './run-store.js';

/** A check as the runner sees it: a registry key and the analysis. */
export interface NamedCheck {
  key: string;
  analysis: Analysis<DiagnosisContext>;
}

/** What the checks produced: evidence per check key and which checks ran. */
export interface CheckLog {
  evidence: { key: string; evidence: Evidence }[];
  ran: string[];
  skipped: string[];
}

/**
 * The measurements in the shape the tree reads, once the baseline and the comparison runs exist.
 * @example
 * const m = treeMeasurements(context.measurements, 'regression', 'mse');
 */
export function treeMeasurements(store: DiagnosisContext['measurements'], task: Measurements['task'], lossName: string): Measurements | undefined {
  const { baseline, user, others } = store;
  if (baseline === undefined || user === undefined || others === undefined) return undefined;
  const remedyRuns = (store['remedyRuns'] as Measurements['others'] | undefined) ?? [];
  const longerRun = store['longerRun'] as Measurements['others'][number] | undefined;
  return {
    task,
    lossName,
    baseline,
    user,
    others: [...others, ...remedyRuns, ...(longerRun ? [longerRun] : [])],
    ...(store.learningCurve ? { learningCurve: store.learningCurve } : {}),
    ...(store.shift ? { shift: store.shift } : {}),
    ...(store.critical ? { critical: store.critical } : {}),
    ...(store.gradientFlow ? { gradientFlow: store.gradientFlow } : {}),
    ...(store.health ? { health: store.health } : {}),
    ...(store.validationRows !== undefined ? { validationRows: store.validationRows } : {}),
  };
}

/**
 * Runs every check whose needs can be met and whose `applies` holds. A check that throws
 * (other than on bad input) is reported as evidence, "analysis X failed: …", and the rest go on.
 * @example
 * const log = await runChecks(checks, context, thresholds);
 */
export async function runChecks(checks: readonly NamedCheck[], context: DiagnosisContext, thresholds: Thresholds): Promise<CheckLog> {
  const log: CheckLog = { evidence: [], ran: [], skipped: [] };
  let pending = [...checks];
  const task = context.train.task;
  const lossName = task === 'regression' ? 'mse' : 'cross-entropy';
  while (pending.length > 0) {
    const ready = pending.filter((c) => (c.analysis.needs ?? []).every((need) => context.measurements[need] !== undefined));
    if (ready.length === 0) break;
    pending = pending.filter((c) => !ready.includes(c));
    const measured = treeMeasurements(context.measurements, task, lossName);
    if (measured !== undefined) context.decision = decide(measured, thresholds);
    const outcomes = await Promise.all(
      ready.map(async (check) => {
        const own = { ...context, rng: createRng(context.settings.seed).fork(check.key) };
        if (check.analysis.applies && !check.analysis.applies(own)) return undefined;
        try {
          const result = await check.analysis.run(own);
          if (own.userTheta !== undefined) context.userTheta = own.userTheta;
          return result;
        } catch (error) {
          if (isInputError(error) || isDiagnosisStopped(error)) throw error;
          const message = (error as Error).message?.split('\n')[0] ?? String(error);
          return { check: check.key, finding: `analysis ${check.key} failed: ${message}`, values: { failed: true, error: message } } satisfies Evidence;
        }
      }),
    );
    for (const [i, check] of ready.entries()) {
      const outcome = outcomes[i];
      if (outcome === undefined) {
        log.skipped.push(check.key);
        continue;
      }
      log.ran.push(check.key);
      if (!isEvidence(outcome)) Object.assign(context.measurements, outcome.measurement ?? {});
      for (const evidence of evidenceOf(outcome)) log.evidence.push({ key: check.key, evidence });
    }
  }
  log.skipped.push(...pending.map((c) => c.key));
  return log;
}
