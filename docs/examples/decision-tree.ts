/**
 * The decision tree is a pure function of measurements: no training here. The numbers are the
 * lecture's He et al. story in miniature — a deeper network reaches a HIGHER training loss than
 * a shallower one, so it is an optimization issue, not model bias.
 */
// #region main
import { decide, defaultThresholds, type Measurements, type RunSummary } from '@losslens/diagnose';

/** A finished training run with its losses (standardized MSE: the baseline is 1). */
const run = (label: string, role: RunSummary['role'], spec: string, train: number, validation: number): RunSummary => ({
  label, role, spec, optimizer: 'sgd', learningRate: 0.05, parameters: 0,
  train, validation, diverged: false, epochs: 40, history: [],
});

/** Walks the tree for a 56-layer-style net beaten on TRAINING loss by a 20-layer-style one. */
export function main() {
  const measurements: Measurements = {
    task: 'regression',
    lossName: 'mse',
    baseline: { train: 1, validation: 1 },
    user: run('your model', 'user', 'mlp:16x16x16x16x16x16:sigmoid', 0.6, 0.62),
    others: [run('shallower mlp:16x16:sigmoid', 'shallower', 'mlp:16x16:sigmoid', 0.1, 0.12)],
  };
  const decision = decide(measurements, defaultThresholds);
  return {
    verdict: decision.verdict, // 'optimization'
    path: decision.path, // ['training-loss-large', 'optimization']
    checks: decision.evidence.map((e) => e.check), // ['training-loss', 'shallower-vs-deeper']
    margin: decision.evidence[0]?.values['margin'], // max(0.05 × 1, 0.1 × 0.6) = 0.06
  };
}
// #endregion main
