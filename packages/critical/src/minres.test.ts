import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { minres } from './minres.js';
import { denseOperator } from './operator.js';
import { matrixWithSpectrum } from '../test/fixtures.js';

describe('minres', () => {
  it('solves the lecture Hessian system [[0, −2], [−2, 0]] x = (2, 2): x = (−1, −1)', () => {
    const { x, residualNorm } = minres(denseOperator({ size: 2, data: Float64Array.of(0, -2, -2, 0) }), Float64Array.of(2, 2));
    expect(Array.from(x)).toEqual([expect.closeTo(-1, 12), expect.closeTo(-1, 12)]);
    expect(residualNorm).toBeLessThan(1e-12);
  });

  it('matches a dense LU solve on an indefinite 30×30 system', () => {
    const spectrum = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1 : 1) * (0.5 + i / 4));
    const matrix = matrixWithSpectrum(spectrum, 12);
    const b = Float64Array.from({ length: 30 }, (_, i) => Math.cos(i));
    const rows = Array.from({ length: 30 }, (_, i) => Array.from(matrix.data.subarray(i * 30, i * 30 + 30)));
    const reference = solve(new Matrix(rows), Matrix.columnVector(Array.from(b))).getColumn(0);
    // without reorthogonalization the recurrence may need a few more than n steps in floating point
    const { x, iterations } = minres(denseOperator(matrix), b, { tolerance: 1e-12, maxIterations: 90 });
    expect(iterations).toBeLessThan(90);
    x.forEach((xi, i) => expect(xi).toBeCloseTo(reference[i] as number, 9));
  });

  it('on a singular consistent system returns a solution with A x = b', () => {
    const matrix = matrixWithSpectrum([2, -1, 0, 0, 3], 4);
    const b = denseOperator(matrix).apply(Float64Array.of(1, 2, 3, 4, 5)); // in the range of A
    const { x, residualNorm } = minres(denseOperator(matrix), b, { tolerance: 1e-12 });
    expect(residualNorm).toBeLessThan(1e-10);
    const ax = denseOperator(matrix).apply(x);
    ax.forEach((v, i) => expect(v).toBeCloseTo(b[i] as number, 9));
  });

  it('a zero right-hand side and a wrong length', () => {
    const op = denseOperator({ size: 2, data: Float64Array.of(1, 0, 0, 1) });
    expect(minres(op, [0, 0]).iterations).toBe(0);
    expect(() => minres(op, [1])).toThrow('the right-hand side has 1 entries, expected 2');
  });
});
