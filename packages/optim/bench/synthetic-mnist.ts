/** Random data of MNIST's shape (28×28×1 in [0, 1], ten classes), for throughput runs where the real digits are not at hand. */
import { createRng, type Dataset } from '@losslens/core';

export function syntheticMnist(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  return {
    name: 'synthetic-mnist',
    task: 'classification',
    n,
    featureShape: [28, 28, 1],
    features: Float32Array.from({ length: n * 784 }, () => rng.uniform()),
    targets: Float32Array.from({ length: n }, () => rng.int(10)),
    outputs: 10,
    featureNames: Array.from({ length: 784 }, (_, i) => `p${i}`),
    targetName: 'digit',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    origin: `synthetic:mnist-shaped(seed=${seed})`,
  };
}
