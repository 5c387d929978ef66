import { describe, expect, it } from 'vitest';
import { constant, cosine, linearWarmup, stepDecay } from './schedules.js';
import { createSchedule } from './create-schedule.js';

const at = (step: number, epoch = 0, stepsPerEpoch?: number) => ({ step, epoch, baseRate: 0.1, stepsPerEpoch });

describe('schedules', () => {
  it('constant keeps the base rate', () => {
    expect(constant()(at(1000, 50))).toBe(0.1);
  });
  it('step decay multiplies by gamma every `every` epochs (PyTorch StepLR)', () => {
    const s = stepDecay({ every: 3, gamma: 0.5 });
    expect([0, 2, 3, 5, 6, 9].map((e) => s(at(0, e)))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
  });
  it('cosine follows min + (base − min)(1 + cos(πt/T))/2 and stays at min after T', () => {
    const s = cosine({ totalSteps: 8, minRate: 0.02 });
    // t = 2: 0.02 + 0.08·(1 + cos(π/4))/2 = 0.02 + 0.04·1.7071068
    expect(s(at(0))).toBeCloseTo(0.1, 12);
    expect(s(at(2))).toBeCloseTo(0.08828427124746191, 12);
    expect(s(at(4))).toBeCloseTo(0.06, 12);
    expect(s(at(8))).toBeCloseTo(0.02, 12);
    expect(s(at(20))).toBeCloseTo(0.02, 12);
  });
  it('cosine in epochs counts steps when stepsPerEpoch is known', () => {
    const s = cosine({ totalEpochs: 2 });
    expect(s(at(5, 1, 10))).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI / 4)), 12);
    expect(s(at(0, 1))).toBeCloseTo(0.05, 12);
  });
  it('linear warm-up ramps the factor from startFactor to 1, then multiplies the next schedule', () => {
    const s = linearWarmup({ steps: 4, startFactor: 0.2 });
    expect([0, 1, 2, 4, 10].map((t) => s(at(t)))).toEqual([0.1 * 0.2, 0.1 * 0.4, 0.1 * 0.6, 0.1, 0.1].map((v) => expect.closeTo(v, 12)));
    const decayed = linearWarmup({ epochs: 1, startFactor: 0, then: stepDecay({ every: 1, gamma: 0.5 }) });
    expect(decayed(at(5, 0, 10))).toBeCloseTo(0.05, 12);
    expect(decayed(at(15, 1, 10))).toBeCloseTo(0.05, 12);
  });
  it('createSchedule builds nested specs', () => {
    const s = createSchedule({ name: 'warmup', steps: 2, startFactor: 0, then: { name: 'step', every: 1, gamma: 0.1 } });
    expect(s(at(1, 0))).toBeCloseTo(0.05, 12);
    expect(s(at(3, 2))).toBeCloseTo(0.001, 12);
  });
  it('bad schedule options name the schedule and the option', () => {
    expect(() => cosine({})).toThrow('cosine: give exactly one of "totalSteps" or "totalEpochs"');
    expect(() => stepDecay({ every: 0 })).toThrow('stepDecay: option "every" must be >= 1, got 0');
    expect(() => createSchedule({ name: 'exp' } as never)).toThrow('unknown schedule "exp"; choose one of constant, step, cosine, warmup, linear-scaling');
  });
});
