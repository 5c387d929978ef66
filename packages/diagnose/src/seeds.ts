/**
 * Seed confirmation: the decisive comparison runs repeated on several seeds. A run's losses are
 * the means over its seeds; the tree is walked once more per seed to say how often the verdict held.
 */
import type { Measurements, RunSummary, Verdict } from './measurements.js';
import type { Thresholds } from './thresholds.js';
import { decide } from './tree.js';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * One summary of the same run on several seeds: the first seed's run (its history, epochs,
 * gradient norm) with train/validation/test replaced by the means over the seeds that did not
 * diverge, and `seeds` listing each seed's losses. One seed: the run unchanged.
 * @example
 * meanOverSeeds([{ seed: 1, run: a }, { seed: 2, run: b }]).train; // (a.train + b.train) / 2
 */
export function meanOverSeeds(runs: readonly { seed: number; run: RunSummary }[]): RunSummary {
  const first = runs[0];
  if (first === undefined) throw new Error('meanOverSeeds needs at least one run');
  if (runs.length === 1) return first.run;
  const seeds = runs.map(({ seed, run }) => ({ seed, train: run.train, validation: run.validation, ...(run.test !== undefined ? { test: run.test } : {}) }));
  const finite = runs.filter(({ run }) => !run.diverged && Number.isFinite(run.train));
  if (first.run.diverged || finite.length === 0) return { ...first.run, seeds };
  const avg = (key: 'train' | 'validation' | 'test' | 'trainAccuracy' | 'validationAccuracy' | 'testAccuracy') => {
    const values = finite.map(({ run }) => run[key]).filter((v): v is number => v !== undefined);
    return values.length === finite.length ? { [key]: mean(values) } : {};
  };
  return {
    ...first.run,
    ...avg('train'),
    ...avg('validation'),
    ...avg('test'),
    ...avg('trainAccuracy'),
    ...avg('validationAccuracy'),
    ...avg('testAccuracy'),
    seeds,
  };
}

/** How often the verdict held over the seeds. */
export interface SeedAgreement {
  seeds: number[];
  /** The verdict the tree reaches on each seed's runs alone. */
  verdicts: Verdict[];
  /** Seeds whose verdict is the decided one (decided on the means). */
  held: number;
  /** Whether some seed gives another verdict. */
  seedDependent: boolean;
}

/** The measurements with every repeated run replaced by its `k`-th seed's losses. */
function onSeed(m: Measurements, k: number): Measurements {
  const pick = (run: RunSummary): RunSummary => {
    const s = run.seeds?.[k];
    if (s === undefined) return run;
    const { seeds: _seeds, ...rest } = run;
    const { test: _test, ...withoutTest } = rest;
    return { ...(s.test !== undefined ? rest : withoutTest), train: s.train, validation: s.validation, ...(s.test !== undefined ? { test: s.test } : {}), diverged: run.diverged || !Number.isFinite(s.train) };
  };
  return { ...m, user: pick(m.user), others: m.others.map(pick) };
}

/**
 * Walks the tree once per seed of the repeated runs and counts how often it reaches `verdict`;
 * undefined when the runs were not repeated.
 * @example
 * seedAgreement(measurements, 'overfitting', defaultThresholds); // { seeds: [1, 2, 3], verdicts: [...], held: 2, seedDependent: true }
 */
export function seedAgreement(m: Measurements, verdict: Verdict, t: Thresholds): SeedAgreement | undefined {
  const seeds = m.user.seeds?.map((s) => s.seed);
  if (seeds === undefined || seeds.length < 2) return undefined;
  const verdicts = seeds.map((_, k) => decide(onSeed(m, k), t).verdict);
  const held = verdicts.filter((v) => v === verdict).length;
  return { seeds, verdicts, held, seedDependent: held < seeds.length };
}
