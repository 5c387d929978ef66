/**
 * The three callbacks against Keras's documented behaviour (keras/src/callbacks/early_stopping.py,
 * reduce_lr_on_plateau.py, terminate_on_nan.py), case by case, in real tfjs `model.fit` runs.
 * The monitored values are scripted by a callback placed before ours (tfjs hands every callback
 * the same logs object), so each case's expected epochs follow from Keras's rules by hand.
 */
import { describe, expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import { earlyStopping } from './early-stopping.js';
import { reduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { terminateOnNaN } from './terminate-on-nan.js';
import { learningRateOf } from './learning-rate.js';

const quiet = () => undefined;

function net(optimizer: tfjs.Optimizer = tfjs.train.sgd(0.1)) {
  const model = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }), tfjs.layers.dense({ units: 1 })] });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
const data = () => ({ x: tfjs.tensor2d([[0, 1], [1, 0], [1, 1], [0.5, -1], [-1, 0.3], [0.2, 0.2]]), y: tfjs.tensor2d([[1], [0], [2], [-1], [0.5], [0.1]]) });

/** Flat weights of a model. */
const flat = (model: tfjs.LayersModel) => model.getWeights().flatMap((w) => Array.from(w.dataSync()));

async function fitScripted(values: readonly number[], callback: object, epochs = values.length, optimizer?: tfjs.Optimizer) {
  const model = net(optimizer);
  const { x, y } = data();
  const weights: number[][] = [];
  const scripted = new tfjs.CustomCallback({ onEpochEnd: async (epoch: number, logs?: tfjs.Logs) => {
    (logs as Record<string, number>).scripted = values[epoch] as number;
    weights.push(flat(model));
  } });
  const before = tfjs.memory().numTensors;
  const history = await model.fit(x, y, { epochs, batchSize: 6, shuffle: false, verbose: 0, callbacks: [scripted, callback as never] });
  const final = flat(model);
  const leaked = tfjs.memory().numTensors - before;
  tfjs.dispose([x, y]);
  return { model, history, weights, final, leaked };
}

describe('earlyStopping (Keras EarlyStopping)', () => {
  it('stops once patience epochs pass without improvement and restores the best epoch (Keras test: losses 0.2, 0.15, 0.1, 0.11, 0.12, patience 2)', async () => {
    const stop = earlyStopping({ monitor: 'scripted', patience: 2, restoreBestWeights: true, log: quiet, tf: tfjs });
    const run = await fitScripted([0.2, 0.15, 0.1, 0.11, 0.12, 0.09, 0.08], stop, 7);
    expect(run.history.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(stop.stoppedEpoch).toBe(4);
    expect(stop.best).toEqual({ epoch: 2, value: 0.1 });
    expect(run.final).toEqual(run.weights[2]);
    expect(run.final).not.toEqual(run.weights[4]);
    expect(run.leaked).toBe(0);
  });

  it('restores the best weights even when it never stopped training (Keras 3; Keras 2 did not)', async () => {
    const stop = earlyStopping({ monitor: 'scripted', patience: 10, restoreBestWeights: true, log: quiet, tf: tfjs });
    const run = await fitScripted([0.5, 0.3, 0.4, 0.45], stop);
    expect(run.history.epoch).toEqual([0, 1, 2, 3]);
    expect(stop.stoppedEpoch).toBeUndefined();
    expect(stop.restored).toBe(true);
    expect(run.final).toEqual(run.weights[1]);
    expect(run.leaked).toBe(0);
  });

  it('without restoreBestWeights the last weights stay', async () => {
    const stop = earlyStopping({ monitor: 'scripted', patience: 10, log: quiet, tf: tfjs });
    const run = await fitScripted([0.5, 0.3, 0.4, 0.45], stop);
    expect(run.final).toEqual(run.weights[3]);
    expect(stop.restored).toBe(false);
  });

  it('baseline: stops after patience epochs when the value never beats the baseline (Keras: len(epochs) == patience)', async () => {
    const stop = earlyStopping({ monitor: 'scripted', mode: 'max', baseline: 0.6, patience: 3, log: quiet, tf: tfjs });
    const run = await fitScripted([0.3, 0.4, 0.5, 0.55, 0.58, 0.59], stop);
    expect(run.history.epoch).toHaveLength(3);
    // beating the baseline resets the wait
    const ok = earlyStopping({ monitor: 'scripted', mode: 'max', baseline: 0.6, patience: 3, log: quiet, tf: tfjs });
    const run2 = await fitScripted([0.3, 0.7, 0.71, 0.72, 0.73, 0.74], ok);
    expect(run2.history.epoch).toHaveLength(6);
  });

  it('minDelta: a change smaller than minDelta is no improvement', async () => {
    const stop = earlyStopping({ monitor: 'scripted', minDelta: 0.1, patience: 1, log: quiet, tf: tfjs });
    const run = await fitScripted([1.0, 0.95, 0.93, 0.92], stop);
    expect(stop.stoppedEpoch).toBe(1);
    expect(run.history.epoch).toEqual([0, 1]);
  });

  it('patience 0 (the default) never stops at epoch 0, stops at the first epoch that does not improve', async () => {
    const stop = earlyStopping({ monitor: 'scripted', log: quiet, tf: tfjs });
    const run = await fitScripted([1, 0.9, 0.95, 0.5], stop);
    expect(run.history.epoch).toEqual([0, 1, 2]);
  });

  it('mode auto reads a name with "acc" as higher-is-better', async () => {
    const stop = earlyStopping({ monitor: 'scripted_acc', patience: 1, log: quiet, tf: tfjs });
    const values = [0.5, 0.6, 0.55, 0.7];
    const model = net();
    const { x, y } = data();
    const history = await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [new tfjs.CustomCallback({ onEpochEnd: async (e, logs) => { (logs as Record<string, number>).scripted_acc = values[e] as number; } }), stop as never] });
    expect(history.epoch).toEqual([0, 1, 2]);
    tfjs.dispose([x, y]);
  });

  it('startFromEpoch: epochs before it are not monitored', async () => {
    const stop = earlyStopping({ monitor: 'scripted', patience: 1, startFromEpoch: 2, log: quiet, tf: tfjs });
    const run = await fitScripted([1, 2, 3, 2.5, 2.6], stop);
    expect(run.history.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(stop.best).toEqual({ epoch: 3, value: 2.5 });
  });

  it('as a plain object (tfjs wraps it in CustomCallback) it works when given the model, and says what to pass otherwise', async () => {
    const values = [0.5, 0.3, 0.4];
    const model = net();
    const { x, y } = data();
    const script = { onEpochEnd: async (e: number, logs?: tfjs.Logs) => { (logs as Record<string, number>).scripted = values[e] as number; } };
    const stop = earlyStopping({ monitor: 'scripted', patience: 1, model, log: quiet });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [script, stop] });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(stop.stoppedEpoch).toBe(2);
    const unbound = earlyStopping({ monitor: 'scripted', log: quiet });
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [script, unbound] })).rejects.toThrow(/pass your tfjs namespace \(\{ tf \}\) or the model/);
    tfjs.dispose([x, y]);
  });

  it('a missing monitor warns and skips the epoch', async () => {
    const warnings: string[] = [];
    const stop = earlyStopping({ monitor: 'val_loss', log: (m) => warnings.push(m), tf: tfjs });
    const run = await fitScripted([1, 2], stop);
    expect(run.history.epoch).toEqual([0, 1]);
    expect(warnings[0]).toMatch(/no "val_loss"/);
  });

  it('monitors val_loss of a real fit beside tfjs\'s own callbacks, in either order', async () => {
    const { x, y } = data();
    for (const order of ['ours-first', 'theirs-first'] as const) {
      const model = net();
      const ours = earlyStopping({ patience: 1000, restoreBestWeights: true, log: quiet, tf: tfjs });
      const theirs = tfjs.callbacks.earlyStopping({ monitor: 'val_loss', patience: 1000 });
      const losses: number[] = [];
      const weights: number[][] = [];
      const record = new tfjs.CustomCallback({ onEpochEnd: async (_e: number, logs?: tfjs.Logs) => { losses.push(logs!.val_loss as number); weights.push(flat(model)); } });
      const callbacks = order === 'ours-first' ? [ours, record] : [theirs, record, ours];
      await model.fit(x, y, { epochs: 8, validationData: [x, y], verbose: 0, callbacks: callbacks as never });
      const best = losses.indexOf(Math.min(...losses));
      expect(ours.best?.epoch).toBe(best);
      expect(flat(model)).toEqual(weights[best]);
    }
    tfjs.dispose([x, y]);
  });
});

describe('reduceLROnPlateau (Keras ReduceLROnPlateau)', () => {
  it("Keras's own test: min_delta 10 makes epoch 1 a plateau, the rate drops 0.1 → 0.01; min_delta 0 keeps it", async () => {
    const optimizer = tfjs.train.sgd(0.1);
    const cb = reduceLROnPlateau({ monitor: 'scripted', factor: 0.1, minDelta: 10, patience: 1, cooldown: 5, log: quiet, tf: tfjs });
    await fitScripted([1, 0.9], cb, 2, optimizer);
    expect(learningRateOf(optimizer as never)).toBeCloseTo(0.01, 12);
    // SGD trains with the scalar −rate it keeps: the next update uses the new rate.
    expect((optimizer as unknown as { c: tfjs.Scalar }).c.dataSync()[0]).toBeCloseTo(-0.01, 7);
    const keep = tfjs.train.sgd(0.1);
    await fitScripted([1, 0.9], reduceLROnPlateau({ monitor: 'scripted', factor: 0.1, minDelta: 0, patience: 1, cooldown: 5, log: quiet, tf: tfjs }), 2, keep);
    expect(learningRateOf(keep as never)).toBe(0.1);
  });

  it('cooldown: after a drop, cooldown epochs reset the wait (flat values, patience 1, cooldown 2 → drops at epochs 1, 3, 5)', async () => {
    const optimizer = tfjs.train.adam(0.1);
    const cb = reduceLROnPlateau({ monitor: 'scripted', factor: 0.5, patience: 1, cooldown: 2, log: quiet, tf: tfjs });
    await fitScripted([1, 1, 1, 1, 1, 1, 1], cb, 7, optimizer);
    expect(cb.reductions.map((r) => r.epoch)).toEqual([1, 3, 5]);
    expect(cb.reductions.map((r) => r.learningRate)).toEqual([0.05, 0.025, 0.0125]);
    expect(learningRateOf(optimizer as never)).toBe(0.0125);
  });

  it('minLr: the rate stops at minLr and drops no further', async () => {
    const optimizer = tfjs.train.sgd(0.1);
    const cb = reduceLROnPlateau({ monitor: 'scripted', factor: 0.1, patience: 1, minLr: 0.05, log: quiet, tf: tfjs });
    await fitScripted([1, 1, 1, 1], cb, 4, optimizer);
    expect(cb.reductions).toEqual([{ epoch: 1, learningRate: 0.05 }]);
    expect(learningRateOf(optimizer as never)).toBe(0.05);
  });

  it('patience counts epochs without improvement; an improvement larger than minDelta resets it; max mode for accuracies', async () => {
    const cb = reduceLROnPlateau({ monitor: 'scripted', factor: 0.5, patience: 2, log: quiet, tf: tfjs });
    await fitScripted([1, 1, 0.5, 0.5, 0.5, 0.49995], cb, 6, tfjs.train.sgd(0.1));
    expect(cb.reductions.map((r) => r.epoch)).toEqual([4]); // wait 1, reset at 2, then 1, 2 → drop at 4; 5: 5e-5 < 1e-4 is no improvement
    const acc = reduceLROnPlateau({ monitor: 'scripted_acc', factor: 0.5, patience: 1, log: quiet, tf: tfjs });
    const values = [0.5, 0.6, 0.55];
    const model = net(tfjs.train.sgd(0.1));
    const { x, y } = data();
    await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [new tfjs.CustomCallback({ onEpochEnd: async (e, logs) => { (logs as Record<string, number>).scripted_acc = values[e] as number; } }), acc as never] });
    expect(acc.reductions.map((r) => r.epoch)).toEqual([2]);
    tfjs.dispose([x, y]);
  });

  it('factor ≥ 1 is refused', () => {
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow(/factor must be < 1/);
  });
});

describe('terminateOnNaN (Keras TerminateOnNaN)', () => {
  for (const bad of [Number.NaN, Infinity]) {
    it(`stops at the end of the first batch whose loss is ${bad}`, async () => {
      const model = net();
      const x = tfjs.tensor2d([[0, 1], [1, 0], [1, 1], [0.5, 0], [0.2, 0.1], [0.3, 0.3]]);
      const y = tfjs.tensor2d([[1], [0], [1], [bad], [1], [0]]); // row 3's loss is NaN / +Inf
      const batches: number[] = [];
      const cb = terminateOnNaN({ log: quiet, tf: tfjs });
      const history = await model.fit(x, y, { epochs: 5, batchSize: 1, shuffle: false, verbose: 0, callbacks: [cb as never, new tfjs.CustomCallback({ onBatchEnd: async (b) => { batches.push(b); } })] });
      expect(cb.stopped?.epoch).toBe(0);
      expect(cb.stopped?.batch).toBe(3);
      expect(Number.isFinite(cb.stopped?.loss)).toBe(false);
      expect(batches).toEqual([0, 1, 2, 3]);
      expect(history.epoch).toEqual([0]);
      tfjs.dispose([x, y]);
    });
  }

  it('leaves a finite run alone', async () => {
    const model = net();
    const { x, y } = data();
    const cb = terminateOnNaN({ log: quiet, tf: tfjs });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: cb });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(cb.stopped).toBeUndefined();
    tfjs.dispose([x, y]);
  });
});
