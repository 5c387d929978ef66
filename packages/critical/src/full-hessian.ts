/**
 * The dense Hessian for small models: P exact HVPs along the unit vectors (batched where the
 * objective can), symmetrized.
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

/** Unit vectors handed to `applyMany` at a time (it may split them further to bound memory). */
const columnsPerPass = 64;

/**
 * The dense symmetrized matrix of any symmetric operator (n products; in passes of 64 columns
 * when the operator has `applyMany`, e.g. the Hessian of a dense chain).
 * @example
 * const H = denseFromOperator(hessianOperator(objective, theta));
 */
export function denseFromOperator(operator: LinearOperator, options: FullHessianOptions = {}): DenseHessian {
  const n = operator.size;
  const raw = new Float64Array(n * n); // raw[j * n + i] = (A e_j)_i, column j stored as a row
  const unit = new Float64Array(n);
  const every = Math.max(1, Math.floor(n / 50));
  const group = operator.applyMany === undefined ? 1 : columnsPerPass;
  let reported = 0;
  for (let j = 0; j < n; j += group) {
    const count = Math.min(group, n - j);
    if (operator.applyMany === undefined) {
      unit.fill(0);
      unit[j] = 1;
      raw.set(operator.apply(unit), j * n);
    } else {
      const units = Array.from({ length: count }, (_, i) => {
        const e = new Float64Array(n);
        e[j + i] = 1;
        return e;
      });
      operator.applyMany(units).forEach((column, i) => raw.set(column, (j + i) * n));
    }
    const done = j + count;
    if (options.events !== undefined && (Math.floor(done / every) > Math.floor(reported / every) || done === n)) {
      options.events.emit({ type: 'progress', task: 'hessian', done, total: n });
    }
    reported = done;
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
