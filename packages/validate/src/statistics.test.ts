import { describe, expect, it } from 'vitest';
import { meanAndStd } from './statistics.js';

describe('meanAndStd', () => {
  it('uses the sample standard deviation (numpy ddof=1)', () => {
    // numpy: np.std([1, 2, 3, 4], ddof=1) = 1.2909944487358056
    const { mean, std } = meanAndStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(1.2909944487358056, 15);
  });
  it('gives std 0 for one value and NaN for none', () => {
    expect(meanAndStd([3])).toEqual({ mean: 3, std: 0 });
    expect(meanAndStd([]).mean).toBeNaN();
  });
});
