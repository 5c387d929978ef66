import type { Analysis } from '@losslens/core';
import { fitBaseline } from '../baseline.js';
import type { DiagnosisContext } from './context.js';

/**
 * `diagnose/baseline`: the trivial predictor's losses (training mean, or class frequencies),
 * the yardstick for "large".
 * @example
 * const { measurement } = await baselineCheck.run(context); // { baseline: { train, validation, test? } }
 */
export const baselineCheck: Analysis<DiagnosisContext> = {
  title: 'trivial baseline',
  provides: ['baseline'],
  run({ train, validation, test }) {
    const baseline = fitBaseline(train);
    return {
      measurement: {
        baseline: { train: baseline.loss(train), validation: baseline.loss(validation), ...(test ? { test: baseline.loss(test) } : {}) },
      },
    };
  },
};
