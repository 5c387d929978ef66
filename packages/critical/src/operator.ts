/**
 * Symmetric linear operators the eigensolvers and trace estimators act on: the Hessian at θ
 * (one HVP per application), a dense matrix, a diagonal block of another operator.
 */
import { InputError } from '@losslens/core';
import type { ParameterBlock } from '@losslens/core';
import { assertLength, type ThetaObjective } from './objective.js';

/** A symmetric matrix known only through products A·v. */
export interface LinearOperator {
  /** The dimension n of A (n × n). */
  readonly size: number;
  /** A·v for a length-n vector. */
  apply(v: Float64Array): Float64Array;
  /** A·v for several vectors in one pass, where the operator can batch them (each counts as one application). */
  applyMany?(vs: readonly Float64Array[]): Float64Array[];
  /** How many products have been computed so far (HVPs for a Hessian). */
  readonly applications: number;
}

/** A dense square matrix, row-major: entry (i, j) is `data[i * size + j]`. */
export interface SquareMatrix {
  readonly size: number;
  readonly data: Float64Array;
}

/**
 * The Hessian of `objective` at `theta` as an operator; each application is one exact HVP
 * (`applyMany` batches them when the objective has `hvpMany`).
 * @example
 * const H = hessianOperator(objective, theta);
 * H.apply(v); H.applications; // 1
 */
export function hessianOperator(objective: ThetaObjective, theta: Float32Array): LinearOperator {
  assertLength(objective, theta, 'theta');
  const point = Float32Array.from(theta);
  let applications = 0;
  const many = objective.hvpMany?.bind(objective);
  return {
    size: objective.parameterCount,
    apply(v) {
      applications++;
      return Float64Array.from(objective.hvp(point, Float32Array.from(v)));
    },
    ...(many === undefined
      ? {}
      : {
          applyMany(vs: readonly Float64Array[]) {
            applications += vs.length;
            return many(point, vs.map((v) => Float32Array.from(v))).map((hv) => Float64Array.from(hv));
          },
        }),
    get applications() {
      return applications;
    },
  };
}

/**
 * A dense symmetric matrix as an operator (cheap products; used to run Lanczos on an
 * assembled Hessian and to test the solvers on matrices with known spectra).
 * @example
 * const A = denseOperator({ size: 2, data: Float64Array.of(2, 0, 0, -1) });
 */
export function denseOperator(matrix: SquareMatrix): LinearOperator {
  const { size, data } = matrix;
  if (data.length !== size * size) {
    throw new InputError('E_SHAPE', `a ${size}×${size} matrix needs ${size * size} entries, got ${data.length}`);
  }
  let applications = 0;
  return {
    size,
    apply(v) {
      applications++;
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        let sum = 0;
        const row = i * size;
        for (let j = 0; j < size; j++) sum += (data[row + j] as number) * (v[j] as number);
        out[i] = sum;
      }
      return out;
    },
    get applications() {
      return applications;
    },
  };
}

/**
 * The diagonal block of `operator` for one parameter block: v_b ↦ (A·[0 … v_b … 0])_b.
 * Each application costs one application of the full operator.
 * @example
 * const firstLayer = blockOperator(hessianOperator(objective, theta), model.layout[0]);
 */
export function blockOperator(operator: LinearOperator, block: Pick<ParameterBlock, 'offset' | 'size' | 'name'>): LinearOperator {
  if (block.offset < 0 || block.size < 1 || block.offset + block.size > operator.size) {
    throw new InputError(
      'E_SHAPE',
      `block "${block.name}" (offset ${block.offset}, size ${block.size}) does not fit in ${operator.size} parameters`,
    );
  }
  let applications = 0;
  return {
    size: block.size,
    apply(v) {
      applications++;
      const padded = new Float64Array(operator.size);
      padded.set(v, block.offset);
      return operator.apply(padded).slice(block.offset, block.offset + block.size);
    },
    get applications() {
      return applications;
    },
  };
}

/**
 * The diagonal block of a dense matrix (a layer's own Hessian, read from the full one).
 * @example
 * const Hbb = denseBlock(hessian, { offset: 0, size: 4, name: 'dense_1/kernel' });
 */
export function denseBlock(matrix: SquareMatrix, block: Pick<ParameterBlock, 'offset' | 'size'>): SquareMatrix {
  const { offset, size } = block;
  const data = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) data[i * size + j] = matrix.data[(offset + i) * matrix.size + offset + j] as number;
  }
  return { size, data };
}
