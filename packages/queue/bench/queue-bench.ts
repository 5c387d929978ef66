/**
 * Queue benchmarks (JSON + table): a critical study of 64 runs on 1 vs 2 worker processes (the
 * ratio), and the queue's overhead per task against the worker pool on tiny fit tasks. Starts a
 * private redis-server on a random loopback port. Run: pnpm --filter @losslens/queue bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, type Dataset } from '@losslens/core';
import { criticalStudy, criticalTaskModule } from '@losslens/critical';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { optimTaskModule, plainDataset, workerPoolExecutor, type ExecutorTask, type FitTask } from '@losslens/optim';
import { queueExecutor, redisServerAvailable, startTestRedis } from '../src/index.js';

if (!redisServerAvailable()) {
  console.log('queue bench skipped: redis-server is not installed');
  process.exit(0);
}
await initTensorflow({ backend: 'wasm' });
const redis = await startTestRedis();
const script = fileURLToPath(new URL('./bench-worker.ts', import.meta.url));

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, redis.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child)));
}
const stop = (children: ChildProcess[]) => Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));

const train: Dataset = plainDataset(makeCurve({ n: 16, seed: 2 }));
const model = createModel('mlp:2:tanh', { inputShape: [1], outputs: 1, task: 'regression' });
const runs = Number(process.env.RUNS ?? 64);
const study = (offset: number) => ({ model, train, seeds: Array.from({ length: runs }, (_, i) => offset + i), fit: { epochs: 60 }, polish: { steps: 5 } });

const timed = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

const rows: Record<string, number | string>[] = [];
for (const processes of [1, 2]) {
  const workers = await Promise.all(Array.from({ length: processes }, startWorker));
  const executor = await queueExecutor({ url: redis.url, backend: tf.getBackend() });
  const ms = await timed(() => criticalStudy({ ...study(processes * 1000), executor })); // other seeds: no reuse of finished jobs
  rows.push({ bench: `critical study, ${runs} runs`, setup: `${processes} worker process${processes > 1 ? 'es' : ''}`, ms: Math.round(ms) });
  await stop(workers);
}
rows.push({ bench: `critical study, ${runs} runs`, setup: 'ratio 1 / 2 processes', ms: ((rows[0]!.ms as number) / (rows[1]!.ms as number)).toFixed(2) });

const tiny = Number(process.env.TINY ?? 100);
const tasks = (offset: number) =>
  Array.from({ length: tiny }, (_, i): ExecutorTask<FitTask> => ({ id: `t:${i}`, kind: 'optim/fit', payload: { model: 'linear', train, optimizer: 'sgd', epochs: 1, batchSize: 'full', seed: offset + i } }));
const pool = await workerPoolExecutor({ handlerModules: [optimTaskModule(), criticalTaskModule()], threads: 1 });
await pool.run(tasks(-1).slice(0, 2)); // warm the thread
const poolMs = await timed(() => pool.run(tasks(0)));
await pool.close();
const [worker] = await Promise.all([startWorker()]);
const queue = await queueExecutor({ url: redis.url, backend: tf.getBackend() });
await queue.run(tasks(-10).slice(0, 2));
const queueMs = await timed(() => queue.run(tasks(100_000)));
await stop([worker!]);
rows.push({ bench: `${tiny} tiny fit tasks`, setup: 'worker pool, 1 thread: ms per task', ms: (poolMs / tiny).toFixed(2) });
rows.push({ bench: `${tiny} tiny fit tasks`, setup: 'queue, 1 worker process: ms per task', ms: (queueMs / tiny).toFixed(2) });
rows.push({ bench: `${tiny} tiny fit tasks`, setup: 'queue overhead per task (ms)', ms: ((queueMs - poolMs) / tiny).toFixed(2) });

await redis.stop();
console.log(JSON.stringify(rows, null, 2));
console.table(rows);
