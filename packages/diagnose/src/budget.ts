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
  /** How many relatives of the user's model to train (shallower, wider, deeper, …). */
  relatives: number;
  /** Training-set fractions for the learning curve. */
  learningCurve: readonly number[];
  /** Largest parameter count for a full Hessian; above it, Lanczos top/bottom eigenpairs. */
  fullHessianLimit: number;
  /** Rows the Hessian and gradient-flow checks use (a seeded subsample). */
  curvatureRows: number;
}

/** The three budgets. */
export const budgets: Readonly<Record<Budget, BudgetPlan>> = {
  quick: { epochs: 30, relatives: 2, learningCurve: [0.25, 1], fullHessianLimit: 400, curvatureRows: 256 },
  standard: { epochs: 60, relatives: 3, learningCurve: [0.25, 0.5, 1], fullHessianLimit: 1200, curvatureRows: 512 },
  thorough: { epochs: 150, relatives: 5, learningCurve: [0.125, 0.25, 0.5, 1], fullHessianLimit: 2500, curvatureRows: 1024 },
};
