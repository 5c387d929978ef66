import type { BlockSignal, EpochSignal, HealthSignals } from '../signals.js';

/** Whether an epoch's losses and every block are finite. */
export const finiteEpoch = (e: EpochSignal): boolean => Number.isFinite(e.probeLoss) && Number.isFinite(e.trainLoss) && e.blocks.every((b) => b.finite && Number.isFinite(b.gradientNorm));

/** The epochs up to (not including) the first one that is not finite. */
export function finiteEpochs(signals: HealthSignals): EpochSignal[] {
  const bad = signals.epochs.findIndex((e) => !finiteEpoch(e));
  return bad < 0 ? signals.epochs : signals.epochs.slice(0, bad);
}

/** The weight blocks' (rank ≥ 2) names, in model order. */
export const weightBlocks = (signals: HealthSignals): string[] => (signals.epochs[0]?.blocks ?? []).filter((b) => b.weight).map((b) => b.block);

/** One block's signal series over `epochs`. */
export function series(epochs: readonly EpochSignal[], block: string, pick: (b: BlockSignal) => number): number[] {
  return epochs.map((e) => {
    const b = e.blocks.find((x) => x.block === block);
    return b === undefined ? Number.NaN : pick(b);
  });
}

/** "layers 1–5" / "layers 1, 3" / "layer 2", 1-based positions among the weight blocks. */
export function layerList(positions: readonly number[]): string {
  if (positions.length === 1) return `layer ${positions[0]}`;
  const contiguous = positions.every((p, i) => i === 0 || p === (positions[i - 1] as number) + 1);
  return contiguous ? `layers ${positions[0]}–${positions.at(-1)}` : `layers ${positions.join(', ')}`;
}
