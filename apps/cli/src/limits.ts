/**
 * Size limits the CLI checks before long work, so an oversized request is a one-line exit-2
 * error instead of a RangeError or an out-of-memory crash minutes later. Model sizes are
 * limited in @losslens/models (MAX_PARAMETERS, MAX_ACTIVATIONS_PER_SAMPLE).
 */
import { InputError } from '@losslens/core';

/**
 * The most parameters P a dense Hessian (`hessian --full`, and every run of `critical-study`)
 * may have: 4096. It takes P Hessian-vector products, a P×P float64 matrix (128 MiB at the
 * limit) and an O(P³) eigendecomposition (about 80 s at P = 2001 on a 2-core machine).
 */
export const MAX_DENSE_HESSIAN_PARAMETERS = 4096;

/**
 * Throws InputError E_USAGE naming `flag` when a dense Hessian of `parameters` would exceed
 * {@link MAX_DENSE_HESSIAN_PARAMETERS}; `instead` says what to use instead.
 * @example
 * assertDenseHessianSize(model.parameterCount, '--full', 'use --top K --bottom K (Lanczos) instead');
 */
export function assertDenseHessianSize(parameters: number, flag: string, instead: string): void {
  if (parameters > MAX_DENSE_HESSIAN_PARAMETERS) {
    throw new InputError(
      'E_USAGE',
      `a dense Hessian of ${parameters} parameters is more than the limit of ${MAX_DENSE_HESSIAN_PARAMETERS}; ${instead}`,
      { flag },
    );
  }
}
