/**
 * How much training work a diagnosis may spend. Every comparison run gets the same epochs as
 * the user's run, so the comparison is fair ("what more flexible relatives reach on the same
 * budget").
 */
export type Budget = 'quick' | 'standard' | 'thorough';

/** What a budget allows. */
export interface BudgetPlan {
  /** Default epochs per run (the user's `epochs` wins when given). */
  epochs: number;
  /** Cap on updates per run when the epochs are the budget's: large data get fewer epochs, then fewer rows ({@link runSize}). */
  maxUpdates: number;
  /** How many relatives of the user's model to train (shallower, wider, deeper, …). */
  relatives: number;
  /** Training-set fractions for the learning curve. */
  learningCurve: readonly number[];
  /** Largest parameter count for a full Hessian; above it, Lanczos top/bottom eigenpairs. */
  fullHessianLimit: number;
  /** Rows the Hessian and gradient-flow checks use (a seeded subsample). */
  curvatureRows: number;
}

/** The fewest epochs a run gets when the epochs are the budget's. */
export const MIN_EPOCHS = 3;

/**
 * The epochs a run gets: the user's when given, else the budget's epochs capped so that one run
 * takes at most `maxUpdates` updates (at least {@link MIN_EPOCHS} epochs; {@link runSize} then samples rows).
 * @example
 * epochsFor(budgets.standard, 8000, 32); // 8: MNIST-sized data get fewer epochs than a small CSV
 */
export function epochsFor(plan: BudgetPlan, rows: number, batchSize: number | 'full', requested?: number): number {
  if (requested !== undefined) return requested;
  const perEpoch = batchSize === 'full' ? 1 : Math.ceil(rows / batchSize);
  return Math.max(MIN_EPOCHS, Math.min(plan.epochs, Math.floor(plan.maxUpdates / perEpoch)));
}

/** How long one run of a diagnosis is: its epochs and the training rows it uses. */
export interface RunSize {
  epochs: number;
  /** Training rows per run: all of them, or a seeded sample when an epoch over all rows would break the cap. */
  rows: number;
  /** Updates the run takes: `epochs × ceil(rows / batchSize)`. */
  updates: number;
}

/**
 * Epochs and training rows for one run, so that a run takes at most `plan.maxUpdates`
 * updates for any data size when the epochs are the budget's: first fewer epochs (down to
 * {@link MIN_EPOCHS}), then fewer rows (a sample of whole batches). The user's `requested`
 * epochs win and use every row. Full-batch runs take one update per epoch and use every row.
 * @example
 * runSize(budgets.standard, 1_000_000, 32); // { epochs: 3, rows: 21312, updates: 1998 }
 * runSize(budgets.standard, 800, 32);       // { epochs: 60, rows: 800, updates: 1500 }
 */
export function runSize(plan: BudgetPlan, rows: number, batchSize: number | 'full', requested?: number): RunSize {
  const epochs = epochsFor(plan, rows, batchSize, requested);
  if (batchSize === 'full') return { epochs, rows, updates: epochs };
  let used = rows;
  if (requested === undefined && epochs * Math.ceil(rows / batchSize) > plan.maxUpdates) {
    used = Math.min(rows, Math.max(1, Math.floor(plan.maxUpdates / epochs)) * batchSize);
  }
  return { epochs, rows: used, updates: epochs * Math.ceil(used / batchSize) };
}

/** The three budgets. */
export const budgets: Readonly<Record<Budget, BudgetPlan>> = {
  quick: { epochs: 30, maxUpdates: 1500, relatives: 2, learningCurve: [0.25, 1], fullHessianLimit: 400, curvatureRows: 256 },
  standard: { epochs: 60, maxUpdates: 2000, relatives: 3, learningCurve: [0.25, 0.5, 1], fullHessianLimit: 1200, curvatureRows: 512 },
  thorough: { epochs: 150, maxUpdates: 15000, relatives: 5, learningCurve: [0.125, 0.25, 0.5, 1], fullHessianLimit: 2500, curvatureRows: 1024 },
};
