import { describe, expect, it } from 'vitest';
import { linearScalingRule, scaleLearningRate } from './linear-scaling.js';

describe('learning-rate scaling', () => {
  it('scales linearly, by square root, or not at all', () => {
    expect(scaleLearningRate(0.1, { batchSize: 1024, referenceBatchSize: 256, rule: 'linear' })).toBeCloseTo(0.4, 12);
    expect(scaleLearningRate(0.1, { batchSize: 1024, referenceBatchSize: 256, rule: 'sqrt' })).toBeCloseTo(0.2, 12);
    expect(scaleLearningRate(0.1, { batchSize: 1024, referenceBatchSize: 256, rule: 'none' })).toBe(0.1);
    expect(scaleLearningRate(0.1, { batchSize: 64, referenceBatchSize: 256, rule: 'linear' })).toBeCloseTo(0.025, 12);
  });
  it("Goyal et al.'s rule warms up from the base rate to k·base over the warm-up epochs", () => {
    // batch 8192 at reference 256: k = 32; 5 warm-up epochs of 10 steps.
    const s = linearScalingRule({ batchSize: 8192, warmupEpochs: 5 });
    const at = (step: number) => ({ step, epoch: Math.floor(step / 10), baseRate: 0.1, stepsPerEpoch: 10 });
    expect(s(at(0))).toBeCloseTo(0.1, 12);
    expect(s(at(25))).toBeCloseTo(0.1 + (3.2 - 0.1) / 2, 12);
    expect(s(at(50))).toBeCloseTo(3.2, 12);
    expect(s(at(500))).toBeCloseTo(3.2, 12);
  });
  it('rejects a zero batch size, naming the option', () => {
    expect(() => scaleLearningRate(0.1, { batchSize: 0, referenceBatchSize: 256, rule: 'linear' })).toThrow(
      'scaleLearningRate: option "batchSize" must be > 0, got 0',
    );
  });
});
