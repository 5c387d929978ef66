/**
 * The dense Hessian for small models: P exact HVPs along the unit vectors, symmetrized.
 */
import type { EventChannel } from '@losslens/core';
import { hessianOperator, type LinearOperator, type SquareMatrix } from './operator.js';
import type { ThetaObjective } from './objective.js';

/** A dense symmetrized Hessian with a measure of how symmetric the raw columns were. */
export interface DenseHessian extends SquareMatrix {
  /**
   * max_ij |H_ij − H_ji| / max_ij |H_ij| of the raw (unsymmetrized) columns: the float32
   * round-off level of the HVPs, which the zero-eigenvalue tolerance must exceed.
   */
  readonly asymmetry: number;
  /** Operator applications (HVPs) used: P. */
  readonly applications: number;
}

/** Options for {@link fullHessian}. */
export interface FullHessianOptions {
  /** Progress events (`task: 'hessian'`), one every ~2 % of the columns. */
  events?: EventChannel;
}

/**
 * Assembles the dense P × P Hessian from P HVPs (column j = H e_j) and symmetrizes it,
 * (H + Hᵀ)/2. Memory 8P² bytes: meant for P up to a few thousand.
 * @example
 * const H = fullHessian(objective, theta); // H.data[i * H.size + j]
 */
export function fullHessian(objective: ThetaObjective, theta: Float32Array, options: FullHessianOptions = {}): DenseHessian {
  return denseFromOperator(hessianOperator(objective, theta), options);
}

/**
 * The dense symmetrized matrix of any symmetric operator (n products).
 * @example
 * const H = denseFromOperator(hessianOperator(objective, theta));
 */
export function denseFromOperator(operator: LinearOperator, options: FullHessianOptions = {}): DenseHessian {
  const n = operator.size;
  const raw = new Float64Array(n * n); // raw[j * n + i] = (A e_j)_i, column j stored as a row
  const unit = new Float64Array(n);
  const every = Math.max(1, Math.floor(n / 50));
  for (let j = 0; j < n; j++) {
    unit.fill(0);
    unit[j] = 1;
    raw.set(operator.apply(unit), j * n);
    if (options.events !== undefined && ((j + 1) % every === 0 || j === n - 1)) {
      options.events.emit({ type: 'progress', task: 'hessian', done: j + 1, total: n });
    }
  }
  const data = new Float64Array(n * n);
  let largest = 0;
  let asymmetry = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = raw[j * n + i] as number; // H_ij from column j
      const b = raw[i * n + j] as number; // H_ji from column i
      const mean = 0.5 * (a + b);
      data[i * n + j] = mean;
      data[j * n + i] = mean;
      largest = Math.max(largest, Math.abs(a), Math.abs(b));
      asymmetry = Math.max(asymmetry, Math.abs(a - b));
    }
  }
  return { size: n, data, asymmetry: largest > 0 ? asymmetry / largest : 0, applications: n };
}
