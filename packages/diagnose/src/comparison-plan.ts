/**
 * The comparison runs the diagnosis trains beside your run: relatives of your model and the same
 * model with another optimizer.
 */
import { relatives, type Relatives } from '@losslens/models';
import type { OptimizerName } from '@losslens/optim';
import type { RunRole } from './measurements.js';

/** One comparison run the diagnosis will train. */
export interface PlannedRun {
  label: string;
  role: RunRole;
  spec: string;
  optimizer: OptimizerName | (string & {});
  learningRate?: number;
}

/**
 * The comparison runs for a model: its relatives (shallowest first, then wider, deeper, …,
 * as many as the budget allows) and the same model with another optimizer.
 * @example
 * comparisonPlan('linear', 'sgd', 0.01, 2); // mlp:32:relu (flexible), mlp:128:relu, adam run
 */
export function comparisonPlan(spec: string, optimizer: OptimizerName | (string & {}), learningRate: number | undefined, count: number): PlannedRun[] {
  const r = relativesOf(spec);
  const isLinear = r.shallower.length === 0 && r.deeper[0]?.startsWith('mlp:') === true && r.narrower.length === 0;
  const nonLinearShallower = r.shallower.filter((s) => s !== 'linear');
  const candidates: { spec: string; role: RunRole; label: string }[] = [];
  const add = (s: string | undefined, role: RunRole, label: string) => {
    if (s !== undefined && s !== spec && !candidates.some((c) => c.spec === s)) candidates.push({ spec: s, role, label: `${label} ${s}` });
  };
  if (isLinear) {
    add(r.deeper[0], 'flexible', 'flexible');
    add(r.wider[1], 'flexible', 'flexible');
    add(r.deeper[1], 'flexible', 'flexible');
  } else {
    add(nonLinearShallower[nonLinearShallower.length - 1], 'shallower', 'shallower');
    add(r.wider[0], 'wider', 'wider');
    add(r.deeper[0], 'deeper', 'deeper');
    add(nonLinearShallower[0], 'shallower', 'shallower');
    add(r.wider[1], 'wider', 'wider');
  }
  const runs: PlannedRun[] = candidates.slice(0, count).map((c) => ({
    ...c,
    optimizer,
    ...(learningRate !== undefined ? { learningRate } : {}),
  }));
  const alternative: PlannedRun =
    optimizer === 'adam' || optimizer === 'optim/adam'
      ? { spec, role: 'optimizer', label: 'momentum SGD', optimizer: 'momentum', learningRate: 0.05 }
      : { spec, role: 'optimizer', label: 'Adam (lr 0.003)', optimizer: 'adam', learningRate: 0.003 };
  return [...runs, alternative];
}

/** A spec's relatives; none for a model this package cannot vary (a plugin's spec, a model.json). */
function relativesOf(spec: string): Relatives {
  try {
    return relatives(spec);
  } catch {
    return { shallower: [], deeper: [], narrower: [], wider: [] };
  }
}

/** Parameter-updates (parameters × updates) below which a relative is always trained. */
export const RELATIVE_WORK_FLOOR = 5e6;
/** A relative costing more than this many times your run (and over the floor) is not trained. */
export const RELATIVE_WORK_RATIO = 1.5;

/**
 * The planned runs the budget affords, and the relatives left out: a relative is trained when its
 * work (parameters × updates, the same updates as your run) is at most
 * max({@link RELATIVE_WORK_FLOOR}, {@link RELATIVE_WORK_RATIO} × your run's). Small data with many
 * epochs and a large model (40 rows, 300 epochs, mlp:256x256:relu) would otherwise spend most of
 * the diagnosis on a relative 4× the size of yours.
 * @example
 * affordableRuns(planned, (spec) => counts[spec], 66_561, 1200); // mlp:512x512:relu left out
 */
export function affordableRuns(
  planned: readonly PlannedRun[],
  parametersOf: (spec: string) => number,
  userParameters: number,
  updates: number,
): { runs: PlannedRun[]; skipped: { spec: string; work: number }[] } {
  const limit = Math.max(RELATIVE_WORK_FLOOR, RELATIVE_WORK_RATIO * userParameters * updates);
  const runs: PlannedRun[] = [];
  const skipped: { spec: string; work: number }[] = [];
  for (const run of planned) {
    const work = run.role === 'optimizer' ? userParameters * updates : parametersOf(run.spec) * updates;
    if (work > limit) skipped.push({ spec: run.spec, work });
    else runs.push(run);
  }
  return { runs, skipped };
}
