import { InputError, type Dataset } from '@losslens/core';
import { featureSize } from './subset.js';

/** A fitted standardization as plain data (JSON-safe), so the web app and saved runs can reapply it. */
export interface StandardizerState {
  /** `feature` = one mean/std per feature value; `global` = one mean/std for all feature values (images). */
  readonly scope: 'feature' | 'global';
  /** Feature count it was fitted on (the product of `featureShape`). */
  readonly featureSize: number;
  readonly featureMean: readonly number[];
  readonly featureStd: readonly number[];
  /** Present when regression targets were standardized too. */
  readonly targetMean?: readonly number[];
  readonly targetStd?: readonly number[];
}

/** A dataset after {@link Standardizer.transform}: it carries the transform that made it. */
export type StandardizedDataset<D extends Dataset = Dataset> = D & { readonly preprocessing: StandardizerState };

/** Standardization fitted on training data, applied unchanged to validation/test data. */
export interface Standardizer {
  readonly state: StandardizerState;
  /** `(x - mean) / std` on features (and regression targets when fitted with `targets`); a new dataset. */
  transform<D extends Dataset>(ds: D): StandardizedDataset<D>;
  /** Maps standardized regression targets or predictions (`n × outputs`, row-major) back to original units. */
  inverseTargets(values: ArrayLike<number>): Float32Array;
}

/** Options for {@link fitStandardizer}. */
export interface StandardizerOptions {
  /** Also standardize regression targets (default false; ignored for classification). */
  targets?: boolean;
  /**
   * `feature` (one mean/std per feature value) or `global` (one mean/std over all values, the usual
   * choice for images). Default: `global` when a sample has more than one axis (images), else `feature`:
   * losslens's one preprocessing rule, used by the diagnosis and every CLI command.
   */
  scope?: 'feature' | 'global';
}

/**
 * Fits means and population standard deviations (ddof = 0, as scikit-learn's StandardScaler)
 * on the TRAINING data only; a column that is constant (std ≤ 1e-6·max(1, |mean|)) gets std 1,
 * so it maps to 0 instead of dividing by zero.
 * @example
 * const scaler = fitStandardizer(train, { targets: true });
 * const [trainS, validationS] = [scaler.transform(train), scaler.transform(validation)];
 */
export function fitStandardizer(train: Dataset, options: StandardizerOptions = {}): Standardizer {
  const scope = options.scope ?? (train.featureShape.length > 1 ? 'global' : 'feature');
  const d = featureSize(train);
  const columns = scope === 'global' ? 1 : d;
  const [featureMean, featureStd] = meanStd(train.features, train.n, d, columns);
  let state: StandardizerState = { scope, featureSize: d, featureMean, featureStd };
  if (options.targets === true && train.task === 'regression') {
    const [targetMean, targetStd] = meanStd(train.targets, train.n, train.outputs, train.outputs);
    state = { ...state, targetMean, targetStd };
  }
  return standardizerFromState(state);
}

/**
 * Rebuilds a {@link Standardizer} from its saved state (e.g. `JSON.parse` of a stored one).
 * @example
 * const again = standardizerFromState(JSON.parse(JSON.stringify(scaler.state)));
 */
export function standardizerFromState(state: StandardizerState): Standardizer {
  const columns = state.featureMean.length;
  return {
    state,
    transform<D extends Dataset>(ds: D): StandardizedDataset<D> {
      const d = featureSize(ds);
      if (d !== state.featureSize) {
        throw new InputError('E_SHAPE', `has ${d} feature values per row, but the standardizer was fitted on ${state.featureSize}`, {
          file: ds.name,
        });
      }
      const features = new Float32Array(ds.features.length);
      for (let i = 0; i < ds.n; i++) {
        for (let j = 0; j < d; j++) {
          const c = columns === 1 ? 0 : j;
          features[i * d + j] = ((ds.features[i * d + j] as number) - (state.featureMean[c] as number)) / (state.featureStd[c] as number);
        }
      }
      let targets = ds.targets;
      if (state.targetMean !== undefined && state.targetStd !== undefined && ds.task === 'regression') {
        const k = state.targetMean.length;
        if (ds.outputs !== k) {
          throw new InputError('E_SHAPE', `has ${ds.outputs} target columns, but the standardizer was fitted on ${k}`, { file: ds.name });
        }
        targets = new Float32Array(ds.targets.length);
        for (let i = 0; i < ds.targets.length; i++) {
          targets[i] = ((ds.targets[i] as number) - (state.targetMean[i % k] as number)) / (state.targetStd[i % k] as number);
        }
      }
      return { ...ds, features, targets, preprocessing: state };
    },
    inverseTargets(values: ArrayLike<number>): Float32Array {
      const out = Float32Array.from(values);
      if (state.targetMean === undefined || state.targetStd === undefined) return out;
      const k = state.targetMean.length;
      for (let i = 0; i < out.length; i++) {
        out[i] = (out[i] as number) * (state.targetStd[i % k] as number) + (state.targetMean[i % k] as number);
      }
      return out;
    },
  };
}

function meanStd(values: Float32Array, n: number, width: number, columns: number): [number[], number[]] {
  const sum = new Float64Array(columns);
  const count = new Float64Array(columns);
  for (let i = 0; i < n * width; i++) {
    const c = columns === 1 ? 0 : i % width;
    sum[c] = (sum[c] as number) + (values[i] as number);
    count[c] = (count[c] as number) + 1;
  }
  const mean = Array.from(sum, (s, c) => s / (count[c] as number));
  const squares = new Float64Array(columns);
  for (let i = 0; i < n * width; i++) {
    const c = columns === 1 ? 0 : i % width;
    const delta = (values[i] as number) - (mean[c] as number);
    squares[c] = (squares[c] as number) + delta * delta;
  }
  const std = Array.from(squares, (s, c) => {
    const value = Math.sqrt(s / (count[c] as number));
    return value <= 1e-6 * Math.max(1, Math.abs(mean[c] as number)) ? 1 : value;
  });
  return [mean, std];
}
