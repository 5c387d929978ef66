export { expectNoLeaks } from './leaks.js';
export { describeBackends, nodeBackends } from './backend-matrix.js';
export {
  finiteDifferenceGradient,
  finiteDifferenceHvp,
  finiteDifferenceHessian,
  relativeError,
} from './finite-differences.js';
export type { ScalarFunction, VectorFunction } from './finite-differences.js';
export { checkGradient, checkHvp } from './gradient-check.js';
export type { ThetaLoss, DerivativeCheck } from './gradient-check.js';
