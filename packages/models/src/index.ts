export { activate, activationNames, hiddenActivations, isActivation, prefersHeInit } from './activations.js';
export type { ActivationName } from './activations.js';
export { initialize } from './initializers.js';
export type { Fans, InitializerName } from './initializers.js';
export type {
  ActivationConfig,
  BatchNormConfig,
  BuildSource,
  Conv2DConfig,
  DenseConfig,
  DropoutConfig,
  FlattenConfig,
  Layer,
  LayerConfig,
  LayerContext,
  Padding,
  ParameterSpec,
  Pool2DConfig,
  ReshapeConfig,
  ResidualConfig,
  Size2D,
  StateSpec,
} from './layers/layer.js';
export { buildLayers } from './layers/build.js';
export { sequentialModel, calibrateBatchNorm, layerOutputs } from './sequential.js';
export type { LosslensModel, SequentialOptions, LayerOutput } from './sequential.js';
export { createModel, parseSpec, formatSpec, specLayers } from './spec.js';
export type { CreateModelOptions, ParsedSpec, CnnToken, HiddenActivation } from './spec.js';
export { relatives } from './relatives.js';
export type { Relatives } from './relatives.js';
export { modelSummary, formatSummary } from './summary.js';
export type { ModelSummary, LayerSummary } from './summary.js';
export {
  mse,
  mae,
  huber,
  softmaxCrossEntropy,
  binaryCrossEntropy,
  categoricalCrossEntropy,
  binaryCrossEntropyFromProbabilities,
  lossForTask,
  accuracy,
} from './losses.js';
export { l1Penalty, l2Penalty, kernelMask } from './regularizers.js';
export type { PenaltyMask } from './regularizers.js';
export { loadLayersModel, layersModelFromArtifacts } from './load-layers-model.js';
export type { LoadedModel } from './load-layers-model.js';
export { MAX_PARAMETERS, MAX_ACTIVATIONS_PER_SAMPLE, assertModelSize } from './limits.js';
export { MAX_MODEL_JSON_BYTES, readModelJson } from './read-model-files.js';
export { parseManifest } from './weights-manifest.js';
export type { WeightGroup, WeightEntry } from './weights-manifest.js';
export { saveLayersModel, toLayersArtifacts } from './save-layers-model.js';
export type { LayersArtifacts } from './save-layers-model.js';
export { parseTopology, writeTopology, supportedLayerClasses } from './layers-topology.js';
export type { ParsedTopology, Json } from './layers-topology.js';
export { resolveModel, modelFromSpec, isModelPath, assertCompatible, specPrefix, isLosslensModel } from './resolve-model.js';
export type { ResolveModelOptions } from './resolve-model.js';
export { models, modelsVersion } from './plugin.js';
export { fromLayersModel, toLayersModel, equivalentSpec } from './from-layers-model.js';
export type { LayersModelLike, LayersApi } from './from-layers-model.js';
