import { Matrix, EigenvalueDecomposition } from 'ml-matrix';
for (const n of [500, 1000, 2000]) {
  const a = Matrix.rand(n, n); const s = a.add(a.transpose());
  const t = performance.now();
  const e = new EigenvalueDecomposition(s, { assumeSymmetric: true });
  console.log(n, (performance.now() - t).toFixed(0), 'ms', e.realEigenvalues[0], e.realEigenvalues[n-1]);
}
