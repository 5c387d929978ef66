import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic-regression.js';

describe('fitLogistic', () => {
  it('matches scikit-learn LogisticRegression(C = 1 / (n λ)) on 10 rows', () => {
    // sklearn 1.2.1: LogisticRegression(C=1/(10*0.1), solver='newton-cg', tol=1e-12).fit(X, y)
    // (the default lbfgs stops 6e-7 short of the optimum; the gradient here is ~1e-16)
    const rows = [[0.5, 1.2], [1.5, -0.3], [-0.7, 0.8], [2.0, 1.0], [0.1, -1.1], [-1.3, -0.4], [0.9, 0.3], [1.1, 1.8], [-0.2, 0.0], [0.4, -0.6]];
    const y = [1, 1, 0, 1, 0, 0, 1, 1, 0, 0];
    const model = fitLogistic(Float64Array.from(rows.flat()), y, rows.map((_, i) => i), 2, { l2: 0.1 });
    expect(model.weights[0]).toBeCloseTo(1.2952771955559486, 7);
    expect(model.weights[1]).toBeCloseTo(0.8240244790974339, 7);
    expect(model.bias).toBeCloseTo(-0.762522074164749, 7);
  });
});
