/**
 * Per-layer (parameter-block) Hessian spectra: the eigenvalues of each diagonal block H_bb,
 * the curvature of the loss when only that layer moves.
 */
import { InputError } from '@losslens/core';
import type { ParameterBlock } from '@losslens/core';
import { minimumRatio } from './minimum-ratio.js';
import type { TolerancePolicy } from './classify.js';
import { denseFromOperator, type DenseHessian } from './full-hessian.js';
import { lanczos } from './lanczos.js';
import type { ThetaObjective } from './objective.js';
import { blockOperator, denseBlock, hessianOperator } from './operator.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';

/** The spectrum of one diagonal block. */
export interface BlockSpectrum {
  name: string;
  offset: number;
  size: number;
  /** The largest eigenvalue of H_bb. */
  top: number;
  /** The smallest eigenvalue of H_bb. */
  bottom: number;
  /** tr H_bb (exact when `method` is 'full'; absent otherwise). */
  trace?: number;
  /** Fraction of positive eigenvalues of H_bb (exact; absent for 'lanczos'). */
  minimumRatio?: number;
  /** All eigenvalues, ascending ('full' only). */
  eigenvalues?: number[];
  /** 'full': dense block eigendecomposition; 'lanczos': extreme eigenvalues only. */
  method: 'full' | 'lanczos';
  /** Operator products spent on this block (0 when read from a dense Hessian). */
  applications: number;
}

/** Options for {@link blockSpectra}. */
export interface BlockSpectraOptions {
  /** A dense Hessian already computed: blocks are read from it (no extra HVPs). */
  hessian?: DenseHessian;
  /** Blocks up to this size get their dense spectrum from `size` HVPs (default 256); larger ones Lanczos. */
  fullLimit?: number;
  /** Include every eigenvalue of 'full' blocks in the result (default false). */
  includeEigenvalues?: boolean;
  tolerance?: TolerancePolicy;
  seed?: number;
}

/**
 * The spectrum of each parameter block's diagonal Hessian block. The layout defaults to the
 * objective's (`datasetObjective` carries the model's).
 * @example
 * for (const b of blockSpectra(objective, theta)) console.log(b.name, b.top, b.bottom);
 */
export function blockSpectra(
  objective: ThetaObjective,
  theta: Float32Array,
  layout: readonly ParameterBlock[] | undefined = objective.layout,
  options: BlockSpectraOptions = {},
): BlockSpectrum[] {
  if (layout === undefined || layout.length === 0) {
    throw new InputError('E_VALUE', 'per-layer spectra need a parameter layout (the model\'s), none was given');
  }
  const fullLimit = options.fullLimit ?? 256;
  const full = hessianOperator(objective, theta);
  return layout.map((block) => {
    const base = { name: block.name, offset: block.offset, size: block.size };
    let dense = options.hessian === undefined ? undefined : denseBlock(options.hessian, block);
    let applications = 0;
    if (dense === undefined && block.size <= fullLimit) {
      const op = blockOperator(full, block);
      dense = denseFromOperator(op);
      applications = op.applications;
    }
    if (dense !== undefined) {
      const values = symmetricEigenvalues(dense);
      let trace = 0;
      for (let i = 0; i < dense.size; i++) trace += dense.data[i * dense.size + i] as number;
      return {
        ...base,
        top: values[values.length - 1] as number,
        bottom: values[0] as number,
        trace,
        minimumRatio: minimumRatio(values, options.tolerance).value,
        ...(options.includeEigenvalues === true ? { eigenvalues: Array.from(values) } : {}),
        method: 'full' as const,
        applications,
      };
    }
    const op = blockOperator(full, block);
    const result = lanczos(op, { top: 1, bottom: 1, seed: options.seed ?? 0 });
    return {
      ...base,
      top: result.top[0]?.value ?? Number.NaN,
      bottom: result.bottom[0]?.value ?? Number.NaN,
      method: 'lanczos' as const,
      applications: op.applications,
    };
  });
}
