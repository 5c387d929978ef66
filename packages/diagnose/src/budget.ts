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
  /** Cap on updates per run when the epochs are the budget's: large data get fewer epochs. */
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

/**
 * The epochs a run gets: the user's when given, else the budget's epochs capped so that one run
 * takes at most `maxUpdates` updates (at least 3 epochs).
 * @example
 * epochsFor(budgets.standard, 8000, 32); // 8: MNIST-sized data get fewer epochs than a small CSV
 */
export function epochsFor(plan: BudgetPlan, rows: number, batchSize: number | 'full', requested?: number): number {
  if (requested !== undefined) return requested;
  const perEpoch = batchSize === 'full' ? 1 : Math.ceil(rows / batchSize);
  return Math.max(3, Math.min(plan.epochs, Math.floor(plan.maxUpdates / perEpoch)));
}

/** The three budgets. */
export const budgets: Readonly<Record<Budget, BudgetPlan>> = {
  quick: { epochs: 30, maxUpdates: 1500, relatives: 2, learningCurve: [0.25, 1], fullHessianLimit: 400, curvatureRows: 256 },
  standard: { epochs: 60, maxUpdates: 2000, relatives: 3, learningCurve: [0.25, 0.5, 1], fullHessianLimit: 1200, curvatureRows: 512 },
  thorough: { epochs: 150, maxUpdates: 15000, relatives: 5, learningCurve: [0.125, 0.25, 0.5, 1], fullHessianLimit: 2500, curvatureRows: 1024 },
};
