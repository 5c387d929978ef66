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
