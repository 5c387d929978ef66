import type { Analysis } from '@losslens/core';
import { datasetObjective } from '@losslens/critical';
import { evaluate } from '@losslens/optim';
import type { RunSummary } from '../measurements.js';
import { newtonFit } from '../newton-fit.js';
import { AFTER_COMPARISONS, type DiagnosisContext } from './context.js';
import { lossFields } from './run-service.js';

/** Models with at most this many parameters get a full-batch damped Newton fit instead of a longer run. */
export const NEWTON_LIMIT = 200;
/** Newton iterations of that fit (each one dense Hessian on the training part). */
export const NEWTON_ITERATIONS = 30;

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
 * `diagnose/longer-run`: before the tree calls model bias, is your model merely under-trained?
 * A model of at most {@link NEWTON_LIMIT} parameters is fitted from the end of your run by
 * full-batch damped Newton with a line search ({@link NEWTON_ITERATIONS} iterations); a larger one
 * is trained again with your settings for longer ({@link longerEpochs}). If that closes the gap to
 * the more flexible models, the model is under-trained (an optimization issue: not enough
 * training), not too simple.
 * @example
 * const { measurement } = await longerRunCheck.run(context); // { longerRun: RunSummary }
 */
export const longerRunCheck: Analysis<DiagnosisContext> = {
  title: 'your model trained longer',
  needs: AFTER_COMPARISONS,
  provides: ['longerRun'],
  applies: (context) => context.decision?.verdict === 'model-bias' && context.measurements.user?.diverged === false,
  async run(context) {
    const { settings, plan, train, model, userTheta } = context;
    if (model.parameterCount <= NEWTON_LIMIT && userTheta !== undefined) return { measurement: { longerRun: newtonRun(context, userTheta) } };
    const epochs = longerEpochs(settings.epochs, train.n, settings.batchSize, plan.maxUpdates);
    const [longer] = await context.trainRuns([
      {
        label: `your model, ${epochs} epochs`,
        role: 'longer',
        spec: settings.spec,
        ...(settings.own ? { model: settings.own } : {}),
        optimizer: settings.optimizer,
        ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}),
        epochs,
      },
    ]);
    return { measurement: longer ? { longerRun: longer.run } : {} };
  },
};

/** Your model fitted by full-batch damped Newton from θ, summarized like a training run. */
function newtonRun(context: DiagnosisContext, theta: Float32Array): RunSummary {
  const { model, train, validation, test, loss, settings, measurements } = context;
  const objective = datasetObjective(model, train, loss);
  try {
    const fit = newtonFit(objective, theta, NEWTON_ITERATIONS);
    const on = (data: typeof train) => evaluate(model, fit.theta, data, loss);
    const onTrain = on(train);
    const onValidation = on(validation);
    const onTest = test ? on(test) : undefined;
    const user = measurements.user!;
    return {
      label: `your model, full-batch Newton fit (${fit.iterations} iterations from your run's end)`,
      role: 'longer',
      spec: settings.spec,
      optimizer: 'newton',
      learningRate: 1,
      parameters: model.parameterCount,
      ...lossFields(onTrain, onValidation, onTest),
      diverged: !Number.isFinite(onTrain.loss),
      epochs: user.epochs,
      gradientNorm: fit.gradientNorm,
      history: [],
    };
  } finally {
    objective.dispose();
  }
}
