import { describe, expect, it } from 'vitest';
import { beats, defaultThresholds, gapIsLarge } from '@losslens/diagnose';
import { main } from './decision-tree.js';

describe('the decision tree by hand', () => {
  it('calls a deeper net that trains worse than a shallower one an optimization issue', () => {
    const r = main();
    expect(r.verdict).toBe('optimization');
    expect(r.path).toEqual(['training-loss-large', 'optimization']);
    expect(r.checks).toEqual(['training-loss', 'shallower-vs-deeper']);
    // The margin, by hand: max(marginOfBaseline × baseline, marginRelative × train) = max(0.05, 0.06).
    expect(r.margin).toBeCloseTo(0.06, 12);
  });

  it('uses the threshold arithmetic the guide states', () => {
    // beats: candidate < reference − max(0.05 × baseline, 0.1 × reference)
    expect(beats(0.539, 0.6, 1, defaultThresholds)).toBe(true); // 0.539 < 0.54
    expect(beats(0.541, 0.6, 1, defaultThresholds)).toBe(false);
    expect(beats(0.249, 0.3, 1, defaultThresholds)).toBe(true); // 0.249 < 0.3 − max(0.05, 0.03)
    // gapIsLarge: heldOut − train > max(0.1 × baseline, 0.5 × train)
    expect(gapIsLarge(0.5, 0.3, 1, defaultThresholds)).toBe(true); // 0.2 > 0.15
    expect(gapIsLarge(0.44, 0.3, 1, defaultThresholds)).toBe(false); // 0.14 < 0.15
    expect(gapIsLarge(0.11, 0.005, 1, defaultThresholds)).toBe(true); // 0.105 > max(0.1, 0.0025)
  });
});
