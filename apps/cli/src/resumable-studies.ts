/**
 * batch-study, cv and critical-study as resumable steps: each unit of work (a batch size, a
 * candidate model, a seed) is one call into its package, so a signal stops the study between
 * units and `--resume` skips the finished ones. Every unit is independent of the others (its
 * own seed and settings), so a resumed study gives the same results as an uninterrupted one.
 */
import { availableParallelism } from 'node:os';
import type { EventChannel, LensEvent } from '@losslens/core';
import { criticalStudy, type CriticalStudyOptions, type CriticalStudyPoint } from '@losslens/critical';
import { batchStudy, type BatchRun, type BatchStudyOptions } from '@losslens/optim';
import { selectModel, type Candidate, type CrossValidationResult, type SelectModelOptions, type Selection } from '@losslens/validate';
import { runInSteps } from './resumable.js';

/** Progress of one step's call, shown as progress of the whole study (`task` events only). */
function studyProgress(events: EventChannel | undefined, task: string, offset: number, total: number): EventChannel | undefined {
  if (events === undefined) return undefined;
  return {
    emit(event: LensEvent) {
      events.emit(event.type === 'progress' && event.task === task ? { ...event, done: event.done + offset, total } : event);
    },
    on: (listener) => events.on(listener),
  };
}

/** A finished or missing batch size: its place in `--batch-sizes` and the size asked for. */
export interface BatchUnit {
  index: number;
  requested: number | 'full';
}

const batchKey = (unit: BatchUnit) => `${unit.index}:${unit.requested}`;

/**
 * {@link batchStudy} in steps of `workers` batch sizes (default: one per core). The learning
 * rate scales from the smallest batch size of the whole list, as in one call.
 * @example
 * const { runs, missing } = await batchStudyInSteps(options, { signal, finished });
 */
export async function batchStudyInSteps(
  options: BatchStudyOptions,
  context: { signal: AbortSignal; finished?: readonly { key: string; run: BatchRun }[] },
): Promise<{ runs: BatchRun[]; state: { key: string; run: BatchRun }[]; missing: BatchUnit[]; workers: number }> {
  const resolved = options.batchSizes.map((b) => (b === 'full' ? options.train.n : Math.min(b, options.train.n)));
  const referenceBatchSize = options.referenceBatchSize ?? Math.min(...resolved);
  const stepSize = options.workers ?? Math.max(1, availableParallelism());
  const units = options.batchSizes.map((requested, index): BatchUnit => ({ index, requested }));
  let workers = 1;
  const { done, missing } = await runInSteps<BatchUnit, BatchRun>({
    units,
    key: batchKey,
    finished: new Map((context.finished ?? []).map((f) => [f.key, f.run])),
    stepSize,
    signal: context.signal,
    run: async (step, { offset, total }) => {
      const events = studyProgress(options.events, 'batch-study', offset, total);
      const result = await batchStudy({
        ...options,
        batchSizes: step.map((u) => u.requested),
        referenceBatchSize,
        workers: Math.min(stepSize, step.length),
        ...(events === undefined ? {} : { events }),
      });
      workers = Math.max(workers, result.workers);
      return result.runs; // the per-epoch history feeds the --html report's curves; the JSON output leaves it out
    },
  });
  const finished = units.filter((u) => done.has(batchKey(u)));
  return {
    runs: finished.map((u) => done.get(batchKey(u)) as BatchRun),
    state: finished.map((u) => ({ key: batchKey(u), run: done.get(batchKey(u)) as BatchRun })),
    missing,
    workers,
  };
}

/**
 * {@link criticalStudy} one seed at a time.
 * @example
 * const { points, missing } = await criticalStudyInSteps({ ...options, seeds }, { signal, finished });
 */
export async function criticalStudyInSteps(
  options: CriticalStudyOptions & { seeds: readonly number[] },
  context: { signal: AbortSignal; finished?: readonly CriticalStudyPoint[] },
): Promise<{ points: CriticalStudyPoint[]; missing: number[] }> {
  const { done, missing } = await runInSteps<number, CriticalStudyPoint>({
    units: options.seeds,
    key: String,
    finished: new Map((context.finished ?? []).map((p) => [String(p.seed), p])),
    signal: context.signal,
    run: async (seeds, { offset, total }) => {
      const events = studyProgress(options.events, 'critical-study', offset, total);
      return (await criticalStudy({ ...options, seeds, ...(events === undefined ? {} : { events }) })).points;
    },
  });
  return { points: options.seeds.filter((s) => done.has(String(s))).map((s) => done.get(String(s)) as CriticalStudyPoint), missing };
}

/**
 * {@link selectModel} one candidate at a time; the selection is made once every candidate has
 * its cross-validation result (from this run or from `finished`).
 * @example
 * const { selection, results, missing } = await selectModelInSteps(options, { signal, finished });
 */
export async function selectModelInSteps(
  options: SelectModelOptions,
  context: { signal: AbortSignal; finished?: readonly CrossValidationResult[] },
): Promise<{ selection?: Selection; results: CrossValidationResult[]; missing: string[] }> {
  const name = (c: Candidate) => (typeof c === 'string' ? c : c.name);
  const { done, missing } = await runInSteps<Candidate, CrossValidationResult>({
    units: options.candidates,
    key: name,
    finished: new Map((context.finished ?? []).map((r) => [r.model, r])),
    signal: context.signal,
    run: async ([candidate]) => [((await selectModel({ ...options, candidates: [candidate as Candidate] })).results[0]) as CrossValidationResult],
  });
  const results = options.candidates.filter((c) => done.has(name(c))).map((c) => done.get(name(c)) as CrossValidationResult);
  if (missing.length > 0) return { results, missing: missing.map(name) };
  return { selection: await selectModel({ ...options, completed: results }), results, missing: [] };
}
