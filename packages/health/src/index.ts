export { recordHealth, targetVariance } from './record-health.js';
export type { RecordHealthOptions, HealthRecorder } from './record-health.js';
export { blockNorms } from './block-norms.js';
export { activationStats, SATURATION_LEVEL } from './activation-stats.js';
export { SATURATED_ROW_SHARE } from './signals.js';
export type { HealthSignals, EpochSignal, BlockSignal, ActivationSignal } from './signals.js';
