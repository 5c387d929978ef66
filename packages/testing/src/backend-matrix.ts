import { beforeAll, describe } from 'vitest';
import { initTensorflow } from '@losslens/core';

/** The backends every numeric suite runs on in Node. */
export const nodeBackends = ['cpu', 'wasm'] as const;

/**
 * Runs a vitest suite once per backend, with the backend active (and losslens's
 * second-order-safe gradients registered) before its tests.
 * @example
 * describeBackends('dense layer', (backend) => {
 *   it('matches finite differences', () => { ... });
 * });
 */
export function describeBackends(
  title: string,
  suite: (backend: string) => void,
  backends: readonly string[] = nodeBackends,
): void {
  for (const backend of backends) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        await initTensorflow({ backend });
      });
      suite(backend);
    });
  }
}
