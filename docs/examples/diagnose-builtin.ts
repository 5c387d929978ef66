/**
 * The Quick start as a library call: diagnose the built-in `curve` dataset (a noisy sine)
 * with a linear model, the lecture's "model bias" case.
 */
// #region main
import { initTensorflow } from '@losslens/core';
import { loadBuiltin } from '@losslens/data';
import { diagnose, diagnosisMarkdown } from '@losslens/diagnose';

/** Diagnoses a linear model on the noisy sine and returns the verdict and its numbers. */
export async function main() {
  await initTensorflow(); // wasm in Node
  const train = await loadBuiltin('curve', { seed: 0 }); // 200 rows of y = sin(2x) + noise
  const diagnosis = await diagnose({ train, model: 'linear' }); // standard budget, seed 0, as the CLI
  return {
    verdict: diagnosis.verdict, // 'model-bias'
    path: diagnosis.path, // ['training-loss-large', 'model-bias']
    losses: diagnosis.losses, // { baseline, train, validation } in standardized MSE
    runs: [diagnosis.measurements.user, ...diagnosis.measurements.others].map((r) => ({ label: r.label, train: r.train })),
    firstRemedy: diagnosis.remedies[0],
    markdown: diagnosisMarkdown(diagnosis), // what `losslens diagnose` prints
  };
}
// #endregion main
