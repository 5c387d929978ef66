/**
 * A queue worker process for the tests: optim's handlers plus test kinds (`test/sleep` waits and
 * echoes, `test/fail` always throws), the given plugin names as its allowed plugins.
 * Usage: node --import tsx test-worker.ts URL NAME LOCK_MS PLUGINS QUEUE
 */
import { initTensorflow } from '@losslens/core';
import { inProcessExecutor, optimTaskHandlers, type TaskHandlers } from '@losslens/optim';
import { startQueueWorker } from './queue-worker.js';

const [url, name, lockMs, plugins, queueName] = process.argv.slice(2) as [string, string, string, string, string];
await initTensorflow({ backend: 'wasm' });
const handlers: TaskHandlers = {
  ...optimTaskHandlers,
  'test/sleep': async (payload: { ms: number; value: number }) => {
    await new Promise((resolve) => setTimeout(resolve, payload.ms));
    return { value: payload.value, by: name };
  },
  'test/fail': async () => {
    throw new Error('the same error every time');
  },
};
const worker = await startQueueWorker({
  url,
  queueName,
  local: inProcessExecutor({ handlers }),
  plugins: new Set(plugins.split(',').filter(Boolean)),
  backend: 'wasm',
  lockDurationMs: Number(lockMs),
  onEvent: (event) => console.log(`${name} ${event.message}`),
});
await worker.ready;
console.log(`ready ${name}`);
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
