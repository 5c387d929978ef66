/** A queue worker process for the benchmarks: optim's and critical's handlers, in this process. Usage: tsx bench-worker.ts URL */
import { initTensorflow } from '@losslens/core';
import { criticalTaskHandlers } from '@losslens/critical';
import { inProcessExecutor, optimTaskHandlers } from '@losslens/optim';
import { startQueueWorker } from '../src/index.js';

await initTensorflow({ backend: 'wasm' });
const worker = await startQueueWorker({
  url: process.argv[2] as string,
  local: inProcessExecutor({ handlers: { ...optimTaskHandlers, ...criticalTaskHandlers } }),
  plugins: new Set(),
  backend: 'wasm',
  lockDurationMs: 60_000,
});
await worker.ready;
console.log('ready');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
