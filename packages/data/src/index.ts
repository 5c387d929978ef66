export type { Dataset, Task, Batch, Augmentation, AugmentationFactory } from '@losslens/core';
export { readNumericCell } from './cell.js';
export type { CellReading } from './cell.js';
export { inferTask, MAX_INFERRED_CLASSES } from './infer-task.js';
export { tableToDataset } from './table.js';
export type { RawTable, TableRow, TableOptions } from './table.js';
export { parseCsv, loadCsv } from './csv.js';
export type { CsvOptions } from './csv.js';
export { parseJson, loadJson, recordsToDataset } from './json.js';
export type { JsonOptions } from './json.js';
export { readTextFile, MAX_TEXT_FILE_BYTES } from './read-text-file.js';
export { subset, featureSize, targetSize } from './subset.js';
export { shuffleRows } from './shuffle.js';
export { stratifiedOrder } from './stratified-order.js';
export { holdout } from './holdout.js';
export type { HoldoutOptions, HoldoutSplit } from './holdout.js';
export { fitStandardizer, standardizerFromState } from './standardizer.js';
export type { Standardizer, StandardizerState, StandardizerOptions, StandardizedDataset } from './standardizer.js';
export { toTensors, oneHot } from './to-tensors.js';
export { batchIndices } from './batch-indices.js';
export type { BatchIndexOptions } from './batch-indices.js';
export { summarizeDataset, formatDatasetSummary } from './summary.js';
export type { DatasetSummary, ColumnSummary, ClassCount } from './summary.js';
export { loadBuiltin, builtinDatasets } from './builtin/builtins.js';
export type { BuiltinDataset, BuiltinName } from './builtin/builtins.js';
export { loadMnist, mnistFromDigits } from './builtin/mnist.js';
export type { MnistOptions } from './builtin/mnist.js';
export { loadIris, irisFromRows } from './builtin/iris.js';
export {
  loadCars,
  loadPenguins,
  loadSeattleWeather,
  carsFromRecords,
  penguinsFromRecords,
  seattleWeatherFromCsv,
} from './builtin/vega-tables.js';
export { makeCurve, curves } from './synthetic/curve.js';
export type { CurveOptions } from './synthetic/curve.js';
export { makeTeacher } from './synthetic/teacher.js';
export type { TeacherOptions, TeacherDataset, TeacherLayer, TeacherActivation } from './synthetic/teacher.js';
export { makeTwoMoons } from './synthetic/two-moons.js';
export type { TwoMoonsOptions } from './synthetic/two-moons.js';
export { makeSpirals } from './synthetic/spirals.js';
export type { SpiralsOptions } from './synthetic/spirals.js';
export { makeCovariateShift } from './synthetic/covariate-shift.js';
export type { CovariateShiftOptions } from './synthetic/covariate-shift.js';
export { makeLabelShift, exactCounts } from './synthetic/label-shift.js';
export type { LabelShiftOptions } from './synthetic/label-shift.js';
export { makeConceptDrift } from './synthetic/concept-drift.js';
export type { ConceptDriftOptions } from './synthetic/concept-drift.js';
export type { SyntheticDataset, SyntheticTruth, ShiftPair } from './synthetic/synthetic-dataset.js';
export { horizontalFlip } from './augment/horizontal-flip.js';
export type { HorizontalFlipOptions } from './augment/horizontal-flip.js';
export { randomTranslate } from './augment/random-translate.js';
export type { RandomTranslateOptions } from './augment/random-translate.js';
export { gaussianNoise } from './augment/gaussian-noise.js';
export type { GaussianNoiseOptions } from './augment/gaussian-noise.js';
export { tabularNoise } from './augment/tabular-noise.js';
export type { TabularNoiseOptions } from './augment/tabular-noise.js';
export { mixup } from './augment/mixup.js';
export type { MixupOptions } from './augment/mixup.js';
export { sampleBeta, sampleGamma } from './augment/beta.js';
export { data, DATA_PLUGIN_VERSION } from './plugin.js';
