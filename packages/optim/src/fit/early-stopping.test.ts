import { describe, expect, it } from 'vitest';
import { createEarlyStopping } from './early-stopping.js';

const run = (values: number[], es: ReturnType<typeof createEarlyStopping>) => {
  for (const [i, v] of values.entries()) if (es.update(i + 1, v).stop) return i + 1;
  return undefined;
};

describe('early stopping (Keras EarlyStopping semantics)', () => {
  it('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    // Keras with patience=2: best 0.5 at epoch 2; epochs 3 and 4 do not improve → stops at 4.
    const es = createEarlyStopping({ patience: 2 }, true);
    expect(run([0.8, 0.5, 0.55, 0.51, 0.3], es)).toBe(4);
    expect(es.bestEpoch).toBe(2);
    expect(es.best).toBe(0.5);
  });
  it('requires an improvement larger than minDelta', () => {
    // 0.8 → 0.75 is a 0.05 drop, not more than minDelta 0.1; 0.69 is.
    const es = createEarlyStopping({ patience: 1, minDelta: 0.1 }, false);
    expect(es.monitor).toBe('trainLoss');
    expect(run([0.8, 0.75], es)).toBe(2);
    const again = createEarlyStopping({ patience: 1, minDelta: 0.1 }, false);
    expect(run([0.8, 0.69, 0.5], again)).toBeUndefined();
  });
  it('maximizes accuracies, treats NaN as no improvement, and patience 0 stops at the first miss', () => {
    const es = createEarlyStopping({ monitor: 'validationAccuracy', patience: 0 }, true);
    expect(run([0.5, 0.7, Number.NaN], es)).toBe(3);
    expect(es.bestEpoch).toBe(2);
  });
  it('names the problem with a bad monitor', () => {
    expect(() => createEarlyStopping({ monitor: 'validationLoss' }, false)).toThrow(
      'earlyStopping: monitor "validationLoss" needs validation data',
    );
    expect(() => createEarlyStopping({ patience: 1.5 }, true)).toThrow('earlyStopping: option "patience" must be an integer, got 1.5');
  });
});
