import { domainClassifierTest, type DomainClassifierOptions } from './domain-classifier.js';
import { pairOf, type FeatureTable } from './feature-table.js';
import { ksTest, type KsTestOptions } from './ks-test.js';
import { mmdTest, type MmdOptions } from './mmd-test.js';
import { checkAlpha, type ShiftTestResult } from './shift-result.js';
import { wassersteinDistance, type WassersteinOptions } from './wasserstein.js';

/** The shift tests {@link shiftReport} can run. */
export type ShiftTestName = 'ks' | 'wasserstein' | 'mmd' | 'domain-classifier';

/** Options for {@link shiftReport}. */
export interface ShiftReportOptions {
  /** Overall significance level, split evenly over the tests run (Bonferroni; default 0.05). */
  alpha?: number;
  /** Which tests to run (default all four). */
  tests?: readonly ShiftTestName[];
  seed?: number;
  ks?: Omit<KsTestOptions, 'alpha'>;
  wasserstein?: Omit<WassersteinOptions, 'alpha' | 'seed'>;
  mmd?: Omit<MmdOptions, 'alpha' | 'seed'>;
  domainClassifier?: Omit<DomainClassifierOptions, 'alpha' | 'seed'>;
}

/** The combined answer of the shift tests. */
export interface ShiftReport {
  /** Whether any test rejects at its share of `alpha`. */
  shifted: boolean;
  alpha: number;
  /** Each test's result (run at `alpha / tests`). */
  tests: ShiftTestResult[];
  /** Features named as drivers by any test, most often named first (then by the KS statistic). */
  drivers: string[];
  trainRows: number;
  testRows: number;
}

/**
 * Runs the train-vs-test shift tests (per-feature KS and Wasserstein, MMD, domain classifier)
 * and combines them: each test runs at `alpha / k` for k tests, so the chance of any false
 * alarm on same-distribution samples stays at most `alpha`; permutation tests get at least
 * `2 / (alpha / k)` permutations unless told otherwise, so their p-values can get below
 * their share. Shift tests look at inputs only;
 * they say whether the test inputs come from elsewhere (mismatch), not whether a model overfits.
 * @example
 * const report = shiftReport(trainDataset, testDataset, { seed: 1 });
 * if (report.shifted) console.log('test inputs differ in', report.drivers);
 */
export function shiftReport(train: FeatureTable, test: FeatureTable, options: ShiftReportOptions = {}): ShiftReport {
  const alpha = checkAlpha(options.alpha ?? 0.05, 'shiftReport');
  const names = options.tests ?? (['ks', 'wasserstein', 'mmd', 'domain-classifier'] as const);
  const [a, b] = pairOf(train, test);
  const share = alpha / Math.max(1, names.length);
  const seed = options.seed ?? 0;
  // A permutation p-value is at least 1 / (1 + permutations): take enough to reach `share`.
  const enough = (fallback: number, given: number | undefined) => given ?? Math.max(fallback, Math.ceil(2 / share));
  const tests: ShiftTestResult[] = names.map((name, k) => {
    switch (name) {
      case 'ks':
        return ksTest(train, test, { ...options.ks, alpha: share });
      case 'wasserstein':
        return wassersteinDistance(train, test, {
          ...options.wasserstein,
          permutations: enough(200, options.wasserstein?.permutations),
          alpha: share,
          seed: seed + k,
        });
      case 'mmd':
        return mmdTest(train, test, { ...options.mmd, permutations: enough(200, options.mmd?.permutations), alpha: share, seed: seed + k });
      case 'domain-classifier':
        return domainClassifierTest(train, test, {
          ...options.domainClassifier,
          permutations: enough(100, options.domainClassifier?.permutations),
          alpha: share,
          seed: seed + k,
        });
    }
  });
  const votes = new Map<string, number>();
  for (const t of tests) for (const f of t.drivers) votes.set(f, (votes.get(f) ?? 0) + 1);
  const ks = tests.find((t) => t.test === 'ks');
  const ksStat = (f: string) => ks?.features.find((x) => x.feature === f)?.statistic ?? 0;
  const drivers = [...votes.keys()].sort((p, q) => (votes.get(q) as number) - (votes.get(p) as number) || ksStat(q) - ksStat(p));
  return { shifted: tests.some((t) => t.shifted), alpha, tests, drivers, trainRows: a.n, testRows: b.n };
}
