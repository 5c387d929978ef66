import { describe, expect, it } from 'vitest';
import { holmAdjust } from './multiple-testing.js';

// Reference: Holm's step-down worked by hand: sorted p(k) × (m − k + 1), made monotone, capped at 1.
describe('holmAdjust', () => {
  it('steps down and keeps adjusted values monotone', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 15);
    expect(adjusted[1]).toBeCloseTo(0.06, 15);
    expect(adjusted[2]).toBeCloseTo(0.06, 15);
    const second = holmAdjust([0.5, 0.001, 0.2, 0.9]);
    [1, 0.004, 0.6, 1].forEach((value, i) => expect(second[i]).toBeCloseTo(value, 15));
  });
});
