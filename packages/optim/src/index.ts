export { sgd } from './optimizers/sgd.js';
export type { SgdConfig } from './optimizers/sgd.js';
export { momentum, nesterov } from './optimizers/momentum.js';
export type { MomentumConfig } from './optimizers/momentum.js';
export { adam, adamw } from './optimizers/adam.js';
export type { AdamConfig } from './optimizers/adam.js';
export { rmsprop } from './optimizers/rmsprop.js';
export type { RmspropConfig } from './optimizers/rmsprop.js';
export { adagrad } from './optimizers/adagrad.js';
export type { AdagradConfig } from './optimizers/adagrad.js';
export { lars } from './optimizers/lars.js';
export type { LarsConfig } from './optimizers/lars.js';
export { lamb } from './optimizers/lamb.js';
export type { LambConfig } from './optimizers/lamb.js';
export { clipByNorm } from './optimizers/clip.js';
export { createOptimizer, optimizerNames, defaultLearningRates, isOptimizerName } from './optimizers/create-optimizer.js';
export type { OptimizerName } from './optimizers/create-optimizer.js';
export { traceOptimizer } from './optimizers/trace.js';
export { constant, stepDecay, cosine, linearWarmup } from './schedules/schedules.js';
export type { ScheduleAt, StepDecayConfig, CosineConfig, WarmupConfig } from './schedules/schedules.js';
export { scaleLearningRate, linearScalingRule, learningRateScalings } from './schedules/linear-scaling.js';
export type { LearningRateScaling, LinearScalingConfig } from './schedules/linear-scaling.js';
export { createSchedule, scheduleNames } from './schedules/create-schedule.js';
export type { ScheduleSpec } from './schedules/create-schedule.js';
export { createWeightAverage } from './fit/swa.js';
export type { WeightAverage } from './fit/swa.js';
export { createEarlyStopping } from './fit/early-stopping.js';
export type { EarlyStopping, EarlyStoppingOptions, EarlyStoppingStep, Monitor } from './fit/early-stopping.js';
export { evaluate } from './fit/evaluate.js';
export type { Metrics, EvaluateOptions } from './fit/evaluate.js';
export { fit } from './fit/fit.js';
export type {
  FitOptions,
  FitResult,
  EpochRecord,
  StopReason,
  FitHooks,
  EpochContext,
  BatchContext,
  DivergenceOptions,
  SwaOptions,
} from './fit/fit.js';
export { batchStudy } from './batch-study/batch-study.js';
export type { BatchStudyOptions, BatchStudyResult, SharpnessMeasure, NoiseScale, NoiseScaleMeasure } from './batch-study/batch-study.js';
export type { BatchRun, TrialSettings } from './batch-study/trial.js';
export { optim, optimVersion } from './plugin.js';
export { fitMany } from './fit-pool/fit-many.js';
export type { FitManyOptions } from './fit-pool/fit-many.js';
export { runFitTask, builtinOnly } from './fit-pool/fit-task.js';
export { resolveOptimizer, resolveSchedule, resolveAugmentation } from './fit/resolve-names.js';
export type { ResolvedOptimizer, AugmentationSpec } from './fit/resolve-names.js';
export type { FitTask } from './fit-pool/fit-task.js';
export { assertUniqueTaskIds, assertPluginsLoaded, handlerFor, TaskFailedError } from './executor/executor.js';
export type { Executor, ExecutorTask, ExecutorRunOptions, TaskContext, TaskHandler, TaskHandlers } from './executor/executor.js';
export { inProcessExecutor, pluginNames } from './executor/in-process.js';
export type { InProcessExecutorOptions } from './executor/in-process.js';
export { workerPoolExecutor } from './executor/worker-pool.js';
export type { WorkerPoolExecutorOptions } from './executor/worker-pool.js';
export { taskPlugins } from './executor/task-plugins.js';
export type { TaskNames } from './executor/task-plugins.js';
export { taskHandlers as optimTaskHandlers, optimTaskModule } from './fit-pool/tasks.js';
export { plainDataset } from './executor/plain-dataset.js';
export type { BatchTrialTask } from './fit-pool/tasks.js';
