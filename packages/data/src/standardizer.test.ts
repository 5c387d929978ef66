import { describe, expect, it } from 'vitest';
import type { Dataset } from '@losslens/core';
import { fitStandardizer, standardizerFromState } from './standardizer.js';
import { subset } from './subset.js';
import { tinyClassification, tinyRegression } from '../test/fixtures.js';

describe('fitStandardizer', () => {
  // tinyRegression rows 0..3: x = 0,1,2,3 (mean 1.5, population std √1.25); x² = 0,1,4,9 (mean 3.5, std 3.5);
  // y = 1,3,5,7 (mean 4, std √5). Hand-computed, as scikit-learn's StandardScaler (ddof = 0).
  const full = tinyRegression(6);
  const train = subset(full, [0, 1, 2, 3]);
  const validation = subset(full, [4, 5]);

  it('stores mean and population std fitted on the training rows only', () => {
    const scaler = fitStandardizer(train, { targets: true });
    expect(scaler.state.featureMean).toEqual([1.5, 3.5]);
    expect(scaler.state.featureStd[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(scaler.state.featureStd[1]).toBeCloseTo(3.5, 12);
    expect(scaler.state.targetMean).toEqual([4]);
    expect(scaler.state.targetStd?.[0]).toBeCloseTo(Math.sqrt(5), 12);
  });

  it('applies the training statistics unchanged to validation data', () => {
    const scaler = fitStandardizer(train, { targets: true });
    const v = scaler.transform(validation);
    // row 4: x = 4, x² = 16, y = 9; row 5: x = 5, x² = 25, y = 11
    const expected = [2.5 / Math.sqrt(1.25), 12.5 / 3.5, 3.5 / Math.sqrt(1.25), 21.5 / 3.5];
    Array.from(v.features).forEach((value, k) => expect(value).toBeCloseTo(expected[k] as number, 5));
    expect(v.targets[0]).toBeCloseTo(5 / Math.sqrt(5), 5);
    expect(v.targets[1]).toBeCloseTo(7 / Math.sqrt(5), 5);
    expect(v.preprocessing).toBe(scaler.state);
    // the training part itself ends up with mean 0 and std 1
    const t = scaler.transform(train);
    const xs = [0, 1, 2, 3].map((i) => t.features[2 * i] as number);
    expect(xs.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(xs.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 6);
    // inputs are not modified
    expect(validation.features[0]).toBe(4);
  });

  it('inverts standardized targets back to original units', () => {
    const scaler = fitStandardizer(train, { targets: true });
    const back = scaler.inverseTargets(scaler.transform(validation).targets);
    expect(back[0]).toBeCloseTo(9, 5);
    expect(back[1]).toBeCloseTo(11, 5);
  });

  it('leaves targets alone without { targets: true } and for classification', () => {
    expect(fitStandardizer(train).transform(validation).targets).toBe(validation.targets);
    const cls = tinyClassification([0, 1, 0, 1]);
    expect(fitStandardizer(cls, { targets: true }).transform(cls).targets).toBe(cls.targets);
  });

  it('maps a constant column to 0 (std 1), like scikit-learn', () => {
    const constant: Dataset = { ...train, features: Float32Array.from([0.1, 5, 0.1, 6, 0.1, 7, 0.1, 8]) };
    const scaler = fitStandardizer(constant);
    expect(scaler.state.featureStd[0]).toBe(1);
    const out = scaler.transform(constant);
    expect(Math.abs(out.features[0] as number)).toBeLessThan(1e-7);
  });

  it('global scope uses one mean/std over all feature values', () => {
    const scaler = fitStandardizer(train, { scope: 'global' });
    // values 0,0,1,1,2,4,3,9: mean 2.5, population variance (6.25·2 + 2.25·2 + 0.25 + 2.25 + 0.25 + 42.25) / 8 = 62 / 8
    expect(scaler.state.featureMean).toEqual([2.5]);
    expect(scaler.state.featureStd[0]).toBeCloseTo(Math.sqrt(62 / 8), 12);
  });

  it('images (a sample with more than one axis) default to the global scope, tables to per feature', () => {
    const image: Dataset = { ...train, featureShape: [1, 2] };
    expect(fitStandardizer(image).state).toEqual(fitStandardizer(train, { scope: 'global' }).state);
    expect(fitStandardizer(train).state.scope).toBe('feature');
    expect(fitStandardizer(image, { scope: 'feature' }).state.scope).toBe('feature');
  });

  it('survives a JSON round trip', () => {
    const scaler = fitStandardizer(train, { targets: true });
    const again = standardizerFromState(JSON.parse(JSON.stringify(scaler.state)));
    expect(Array.from(again.transform(validation).features)).toEqual(Array.from(scaler.transform(validation).features));
  });

  it('a dataset of another width is an input error', () => {
    const scaler = fitStandardizer(train);
    const wide: Dataset = { ...train, featureShape: [3], features: new Float32Array(12) };
    expect(() => scaler.transform(wide)).toThrow('tiny-regression: has 3 feature values per row, but the standardizer was fitted on 2');
  });
});
