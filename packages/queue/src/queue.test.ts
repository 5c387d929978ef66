import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, type Dataset } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { inProcessExecutor, optimTaskHandlers, type ExecutorTask, type FitResult, type FitTask } from '@losslens/optim';
import { decodePlain, encodePlain } from './codec.js';
import { queueExecutor } from './queue-executor.js';
import { assertQueueReachable, parseQueueUrl } from './queue-url.js';
import { redisServerAvailable, startTestRedis, type TestRedis } from './local-redis.js';
import { startTestWorker, type TestWorker } from './test-redis.js';

const available = redisServerAvailable();
if (!available) console.warn('queue tests skipped: redis-server is not installed (apt-get install -y redis-server)');

describe('codec', () => {
  it('round-trips typed arrays, NaN, ±Infinity and −0 bit for bit, and refuses code', () => {
    const value = { theta: new Float32Array([1.5, -0, Number.NaN, 3e-39]), loss: Number.NaN, top: -Infinity, zero: -0, list: [1, Infinity], name: 'x', skip: undefined };
    const back = decodePlain(encodePlain(value)) as typeof value;
    expect(Buffer.from((back.theta as Float32Array).buffer)).toEqual(Buffer.from(value.theta.buffer));
    expect(back.loss).toBeNaN();
    expect(back.top).toBe(-Infinity);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(back.list).toEqual([1, Infinity]);
    expect('skip' in back).toBe(false);
    expect(() => encodePlain({ run: () => 1 })).toThrow(/plain data, never code/);
    expect(() => encodePlain({ when: new Date() })).toThrow(/Date/);
  });
});

describe('queue URL', () => {
  it('parses redis://HOST:PORT and refuses other input naming --queue', async () => {
    expect(parseQueueUrl('redis://127.0.0.1:6390/2')).toEqual({ host: '127.0.0.1', port: 6390, db: 2 });
    expect(() => parseQueueUrl('localhost:6379')).toThrow(/--queue: localhost:6379: the scheme must be redis:\/\//);
    expect(() => parseQueueUrl('not a url')).toThrow(/--queue: "not a url" is not a URL/);
    await expect(assertQueueReachable('redis://127.0.0.1:1', { timeoutMs: 500 })).rejects.toThrow(/--queue: redis:\/\/127\.0\.0\.1:1: cannot reach Redis there \(ECONNREFUSED\)/);
  });
});

describe.skipIf(!available)('queue executor on a real redis-server with 2 worker processes', () => {
  let redis: TestRedis;
  let workers: TestWorker[] = [];
  let train: Dataset;
  beforeAll(async () => {
    await initTensorflow({ backend: 'wasm' });
    const { truth: _truth, ...plain } = makeCurve({ n: 32, seed: 5 }) as Dataset & { truth?: unknown };
    train = plain;
    redis = await startTestRedis();
    workers = await Promise.all([startTestWorker(redis.url, { name: 'A' }), startTestWorker(redis.url, { name: 'B' })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.stop();
  });

  const sleepTasks = (prefix: string, n: number, ms: number): ExecutorTask[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}:${i}`, kind: 'test/sleep', payload: { ms, value: i * 10 } }));

  it('trains fit tasks to the same bits as in this process, in task order, with one progress call per task', async () => {
    const tasks = [0, 1, 2, 3].map((seed): ExecutorTask<FitTask> => ({
      id: `seed:${seed}`,
      kind: 'optim/fit',
      payload: { model: 'mlp:3:tanh', train, optimizer: 'adam', learningRate: 0.02, epochs: 3, batchSize: 8, seed },
    }));
    const before = tf.memory().numTensors;
    const local = (await inProcessExecutor({ handlers: optimTaskHandlers }).run(tasks)) as FitResult[];
    const executor = await queueExecutor({ url: redis.url, backend: 'wasm' });
    const done: number[] = [];
    const queued = (await executor.run(tasks, { onResult: (_t, _r, n) => done.push(n) })) as FitResult[];
    // the same study again: its finished jobs are found in Redis, nothing runs twice
    const again = (await executor.run(tasks)) as FitResult[];
    await executor.close();
    expect(tf.memory().numTensors).toBe(before);
    expect(done).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < tasks.length; i++) {
      expect(Buffer.from(queued[i]!.theta.buffer)).toEqual(Buffer.from(local[i]!.theta.buffer));
      expect(queued[i]!.history.map((h) => h.trainLoss)).toEqual(local[i]!.history.map((h) => h.trainLoss));
      expect(again[i]!.theta).toEqual(queued[i]!.theta);
    }
  }, 120_000);

  it('retries the task of a worker killed mid-run on the other worker, counting each task once', async () => {
    const tasks = sleepTasks('kill', 4, 2500);
    const executor = await queueExecutor({ url: redis.url, queueName: 'losslens' });
    const seen: string[] = [];
    const running = executor.run(tasks, { onResult: (t) => seen.push(t.id) });
    const started = await workers[0]!.waitFor(/^A task kill:\d \(test\/sleep\) started/);
    const victim = /kill:\d/.exec(started)![0];
    await workers[0]!.kill();
    const results = (await running) as { value: number; by: string }[];
    await executor.close();
    expect(results.map((r) => r.value)).toEqual([0, 10, 20, 30]);
    expect([...seen].sort()).toEqual(tasks.map((t) => t.id));
    expect(results[Number(victim.slice(5))]!.by).toBe('B');
    expect(workers[1]!.lines.some((l) => l === `B task ${victim} (test/sleep) done`)).toBe(true);
    workers[0] = await startTestWorker(redis.url, { name: 'A' });
  }, 120_000);

  it('resumes after Redis restarts mid-study (its jobs lost) and returns every result', async () => {
    const tasks = sleepTasks('restart', 6, 600);
    const notes: string[] = [];
    const executor = await queueExecutor({ url: redis.url, queueName: 'losslens', onNote: (m) => notes.push(m) });
    let restarted: Promise<void> | undefined;
    const results = (await executor.run(tasks, {
      onResult: (_t, _r, done) => {
        if (done === 1) restarted = redis.restart(300);
      },
    })) as { value: number }[];
    await restarted;
    await executor.close();
    expect(results.map((r) => r.value)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(notes.some((n) => /gone from Redis \(restarted\?\); enqueued it again/.test(n))).toBe(true);
  }, 120_000);

  it('fails the study naming the task when it throws three times, and refuses a plugin the workers were not started with', async () => {
    const executor = await queueExecutor({ url: redis.url, queueName: 'losslens' });
    await expect(executor.run([...sleepTasks('ok', 1, 10), { id: 'bad:1', kind: 'test/fail', payload: {} }])).rejects.toThrow(
      'task bad:1 (test/fail) failed 3 times; last error: the same error every time',
    );
    await expect(executor.run([{ id: 'plug:1', kind: 'test/sleep', payload: { ms: 1, value: 1 }, plugins: ['losslens-plugin-unknown'] }])).rejects.toThrow(
      /task plug:1 \(test\/sleep\) failed 3 times; last error: task plug:1 names plugin losslens-plugin-unknown, which this worker was not started with/,
    );
    await executor.close();
  }, 120_000);
});
