/**
 * The piscina worker of the batch-size study: rebuilds the model from its spec and runs one
 * trial. Loaded as TypeScript (through tsx) from sources and as JavaScript from `dist`.
 */
import { initTensorflow, type Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import { runTrial, type BatchRun, type TrialSettings } from './trial.js';

/** One task sent to a worker. */
export interface TrialTask {
  spec: string;
  backend: string;
  train: Dataset;
  validation?: Dataset;
  settings: TrialSettings;
}

let ready: Promise<unknown> | undefined;
let readyBackend: string | undefined;

/**
 * Runs one trial in a worker thread (the backend starts on the first task).
 * @example
 * // piscina: new Piscina({ filename: workerUrl }).run(task)
 */
export default async function runTrialTask(task: TrialTask): Promise<{ run: BatchRun; theta: Float32Array }> {
  if (ready === undefined || readyBackend !== task.backend) {
    readyBackend = task.backend;
    ready = initTensorflow({ backend: task.backend });
  }
  await ready;
  const model = createModel(task.spec, { inputShape: task.train.featureShape, outputs: task.train.outputs, task: task.train.task });
  return runTrial(model, task.train, task.validation, task.settings);
}
