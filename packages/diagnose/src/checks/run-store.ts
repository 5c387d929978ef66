/**
 * Finished training runs kept across an interrupted diagnosis. The run service looks each run
 * up by `runKey` before training it and stores it once trained, so a diagnosis resumed
 * with the runs of an interrupted one trains only what is missing and returns the same result.
 */
import type { Dataset } from '@losslens/core';
import type { TrainedRun } from './run-service.js';

/** Where finished runs are kept, by `runKey`; a `Map` is one. */
export interface RunStore {
  get(key: string): TrainedRun | undefined;
  set(key: string, run: TrainedRun): unknown;
}

/**
 * Thrown by a diagnosis whose `signal` was aborted: it stopped before the next batch of training
 * runs. Every run that finished is in the diagnosis's `runStore`.
 */
export class DiagnosisStopped extends Error {
  override readonly name = 'DiagnosisStopped';
  constructor(
    /** How many runs had finished (all of them kept in the run store). */
    readonly finished: number,
  ) {
    super(`the diagnosis was stopped after ${finished} training run${finished === 1 ? '' : 's'}`);
  }
}

/** Whether `error` is a {@link DiagnosisStopped} (also across package copies). */
export const isDiagnosisStopped = (error: unknown): error is DiagnosisStopped => (error as Error | undefined)?.name === 'DiagnosisStopped';

/**
 * FNV-1a over a dataset's rows, shape and targets: which rows a run trained on.
 * @example
 * fingerprint(train); // 'n=240:3f1a9c02'
 */
export function fingerprint(data: Dataset): string {
  let known = fingerprints.get(data);
  if (known === undefined) {
    known = hashRows(data);
    fingerprints.set(data, known);
  }
  return known;
}

/** Fingerprints by dataset object: every batch of runs asks again for the same training rows. */
const fingerprints = new WeakMap<Dataset, string>();

function hashRows(data: Dataset): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  };
  mix(new Uint8Array(data.features.buffer, data.features.byteOffset, data.features.byteLength));
  mix(new Uint8Array(data.targets.buffer, data.targets.byteOffset, data.targets.byteLength));
  return `n=${data.n}:${data.featureShape.join('x')}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * A run's key: everything that decides its result and its summary (label, role, the fit task
 * without the data arrays, and the rows it trained on), as stable JSON.
 * @example
 * runKey({ label: 'your model', role: 'user', model: 'mlp:32:relu', optimizer: 'adam', epochs: 30, batchSize: 32, seed: 0 }, train);
 */
export function runKey(task: Record<string, unknown>, data: Dataset): string {
  const plain = Object.fromEntries(
    Object.entries(task)
      .filter(([name]) => name !== 'train' && name !== 'validation' && name !== 'cwd')
      .map(([name, value]) => [name, typeof value === 'object' && value !== null && 'parameterCount' in value ? `own:${String((value as { spec?: string }).spec)}` : value])
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );
  return JSON.stringify({ ...plain, rows: fingerprint(data) });
}
