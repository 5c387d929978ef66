import type { Analysis } from '@losslens/core';
import type { DiagnosisContext } from './context.js';

/** How many times your epochs the longer run trains. */
export const LONGER_FACTOR = 4;

/**
 * The longer run's epochs: {@link LONGER_FACTOR} × yours, cut so that it makes at most
 * LONGER_FACTOR × the budget's updates per run, and never fewer than twice yours.
 * @example
 * longerEpochs(40, 300, 32, 1500); // 160
 */
export function longerEpochs(epochs: number, rows: number, batchSize: number | 'full', maxUpdates: number): number {
  const perEpoch = batchSize === 'full' ? 1 : Math.ceil(rows / batchSize);
  return Math.max(2 * epochs, Math.min(LONGER_FACTOR * epochs, Math.floor((LONGER_FACTOR * maxUpdates) / perEpoch)));
}

/**
 * `diagnose/longer-run`: before the tree calls model bias, your model with your settings trained
 * longer ({@link longerEpochs}). If that closes the gap to the more flexible models, the model is
 * under-trained (an optimization issue: not enough training), not too simple.
 * @example
 * const { measurement } = await longerRunCheck.run(context); // { longerRun: RunSummary }
 */
export const longerRunCheck: Analysis<DiagnosisContext> = {
  title: 'your model trained longer',
  needs: ['user', 'others', 'baseline'],
  provides: ['longerRun'],
  applies: (context) => context.decision?.verdict === 'model-bias' && context.measurements.user?.diverged === false,
  async run(context) {
    const { settings, plan, train } = context;
    const epochs = longerEpochs(settings.epochs, train.n, settings.batchSize, plan.maxUpdates);
    const [longer] = await context.trainRuns([
      {
        label: `your model, ${epochs} epochs`,
        role: 'longer',
        spec: settings.spec,
        optimizer: settings.optimizer,
        ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}),
        epochs,
      },
    ]);
    return { measurement: longer ? { longerRun: longer.run } : {} };
  },
};
