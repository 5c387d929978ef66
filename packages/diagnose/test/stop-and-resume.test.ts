/**
 * A diagnosis stopped by its signal keeps every finished run in its run store; given that store,
 * a second diagnosis trains only what is missing and returns what an uninterrupted one returns.
 */
import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel, initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { diagnose, isDiagnosisStopped, type DiagnoseOptions, type RunStore, type TrainedRun } from '@losslens/diagnose';

beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
});

/** A held-out scenario (a wide net on few rows) so that several batches of runs are trained. */
const options = (): DiagnoseOptions => ({
  train: makeCurve({ n: 30, seed: 3, noise: 0.6, curve: 'sine' }),
  test: makeCurve({ n: 100, seed: 103, noise: 0.6, curve: 'sine' }),
  model: 'mlp:64x64:relu',
  budget: 'quick',
  epochs: 100,
  batchSize: 8,
  seed: 3,
});

/** Everything but the time taken. */
const withoutTime = ({ seconds: _seconds, ...rest }: Awaited<ReturnType<typeof diagnose>>) => rest;

it('stops before the next batch of runs, keeps the finished ones, and a resumed diagnosis equals an uninterrupted one', async () => {
  const before = tf.memory().numTensors;
  const whole = await diagnose(options());
  expect(whole.verdict).toBe('overfitting'); // the held-out branch: a second batch of runs (learning curve, remedies)

  // Stop as soon as the first batch of runs (the comparison runs) has finished.
  const store: RunStore & { size: number } = new Map<string, TrainedRun>();
  const controller = new AbortController();
  const events = createEventChannel();
  events.on((e) => {
    if (e.type === 'stage' && e.name === 'training' && e.state === 'end') controller.abort();
  });
  const stopped = await diagnose({ ...options(), events, signal: controller.signal, runStore: store }).catch((error: unknown) => error);
  expect(isDiagnosisStopped(stopped)).toBe(true);
  const kept = store.size;
  expect(kept).toBeGreaterThan(0);
  expect((stopped as { finished: number }).finished).toBe(kept);

  // Resume: only the missing runs are trained.
  let trainedAgain = 0;
  const counting = createEventChannel();
  counting.on((e) => {
    if (e.type === 'stage' && e.name === 'training' && e.state === 'start') trainedAgain += (e.message ?? '').split(', ').length;
  });
  const resumed = await diagnose({ ...options(), events: counting, runStore: store });
  expect(trainedAgain).toBe(store.size - kept);
  expect(trainedAgain).toBeGreaterThan(0);
  expect(JSON.parse(JSON.stringify(withoutTime(resumed)))).toEqual(JSON.parse(JSON.stringify(withoutTime(whole))));
  expect(tf.memory().numTensors).toBe(before);
}, 300_000);
