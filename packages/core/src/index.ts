export { LosslensError, InputError, PluginError, isInputError, systemErrorWords } from './errors.js';
export type { ErrorCode, ErrorLocation } from './errors.js';
export { createRng, hashSeed, seed32 } from './rng.js';
export type { Rng } from './rng.js';
export { createEventChannel, silentChannel } from './events.js';
export type { EventChannel, LensEvent, Listener, ProgressEvent, StageEvent, NoteEvent } from './events.js';
export { definePlugin, createLens, contributionKinds } from './plugin.js';
export { evidenceOf, isEvidence } from './analysis.js';
export type { Plugin, Lens, LensOptions, Registry, Contributions, ContributionKind, ContributionKinds, SetupContext } from './plugin.js';
export { initTensorflow, loadTensorflow, listBackends, backendProviders } from './runtime.js';
export type { InitOptions, BackendStatus } from './runtime.js';
export { builtinBackends, currentEnvironment } from './backends.js';
export { registerSecondOrderGradients, secondOrderGradients } from './gradients/second-order.js';
export type {
  Task,
  Dataset,
  DatasetOptions,
  DatasetFactory,
  Batch,
  Augmentation,
  AugmentationFactory,
  ParameterBlock,
  ApplyOptions,
  Model,
  ModelOptions,
  ModelFactory,
  LossFunction,
  Optimizer,
  OptimizerFactory,
  Schedule,
  ScheduleFactory,
  Fold,
  Splitter,
  SplitterFactory,
  Evidence,
  AnalysisContext,
  AnalysisOutcome,
  Analysis,
  BackendProvider,
} from './contracts.js';
