/** The experiments the page offers, in menu order (the lecture's decision tree, top to bottom). */
import type { Experiment } from '../experiment.js';
import { batchSizeExperiment } from './batch-size.js';
import { crossValidationExperiment } from './cross-validation.js';
import { curveFitExperiment } from './curve-fit.js';
import { depthExperiment } from './depth.js';
import { saddleExperiment } from './saddle.js';
import { diagnoseExperiment } from '../ui/diagnose-form.js';

export const experiments: readonly Experiment[] = [diagnoseExperiment, curveFitExperiment, depthExperiment, saddleExperiment, batchSizeExperiment, crossValidationExperiment];
