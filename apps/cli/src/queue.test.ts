import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable, startTestRedis, type TestRedis } from '@losslens/queue';
import { runIn } from './test-io.js';

const available = redisServerAvailable();
if (!available) console.warn('cli queue tests skipped: redis-server is not installed (apt-get install -y redis-server)');

const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));

/** A `losslens worker` process and what it printed. */
function startWorker(url: string): { child: ChildProcess; text: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, 'worker', '--queue', url, '--lock-ms', '3000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('worker ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${text}`)));
  });
  return { child, text: () => text, ready };
}

/** The JSON without its timing fields (`ms`, `msPerUpdate`, …), as text. */
const withoutTimings = (json: string) => JSON.stringify(JSON.parse(json, (key, value: unknown) => (/^ms/.test(key) ? undefined : value)));

describe('--queue with a real command line', () => {
  it('names --queue in one line and exits 2 for a bad URL or an unreachable Redis', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losslens-queue-'));
    try {
      const bad = await runIn(dir, ['critical-study', '--runs', '1', '--epochs', '1', '--queue', 'localhost:6379']);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe('losslens: --queue: localhost:6379: the scheme must be redis:// (got localhost://)\n');
      const down = await runIn(dir, ['critical-study', '--runs', '1', '--epochs', '1', '--queue', 'redis://127.0.0.1:1']);
      expect(down.code).toBe(2);
      expect(down.err).toMatch(/^losslens: --queue: redis:\/\/127\.0\.0\.1:1: cannot reach Redis there \(ECONNREFUSED\); start redis-server or fix the URL\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!available)('losslens worker + --queue, 2 worker processes on a private redis-server', () => {
  let redis: TestRedis;
  let workers: ReturnType<typeof startWorker>[] = [];
  let dir: string;
  beforeAll(async () => {
    redis = await startTestRedis();
    workers = [startWorker(redis.url), startWorker(redis.url)];
    await Promise.all(workers.map((w) => w.ready));
    dir = await mkdtemp(join(tmpdir(), 'losslens-queue-'));
    const rows = Array.from({ length: 18 }, (_, i) => `${(i / 9 - 1).toFixed(3)},${((i * 7) % 5) / 5},${Math.sin(i).toFixed(3)}`);
    await writeFile(join(dir, 'train.csv'), ['x1,x2,y', ...rows].join('\n') + '\n');
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('critical-study gives byte-identical JSON on the queue and here; run again, it reuses the finished jobs', async () => {
    const args = ['critical-study', '--model', 'mlp:2:tanh', '--runs', '3', '--epochs', '30', '--polish-steps', '3', '--backend', 'wasm'];
    const local = await runIn(dir, [...args, '--json', 'local.json']);
    expect(local.code).toBe(0);
    const queued = await runIn(dir, [...args, '--json', 'queued.json', '--queue', redis.url]);
    expect(queued.err).toMatch(/runs go to the queue at redis:\/\/127\.0\.0\.1:\d+/);
    expect(queued.code).toBe(0);
    expect(await readFile(join(dir, 'queued.json'), 'utf8')).toBe(await readFile(join(dir, 'local.json'), 'utf8'));
    const ran = workers.map((w) => (w.text().match(/critical\/run\) started/g) ?? []).length);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(3);
    const again = await runIn(dir, [...args, '--json', 'again.json', '--queue', redis.url]);
    expect(again.code).toBe(0);
    expect(await readFile(join(dir, 'again.json'), 'utf8')).toBe(await readFile(join(dir, 'local.json'), 'utf8'));
    expect(workers.map((w) => (w.text().match(/critical\/run\) started/g) ?? []).length)).toEqual(ran);
  }, 300_000);

  it('cv, batch-study and learning-curve give the same JSON on the queue as here, apart from timing fields', async () => {
    for (const args of [
      ['cv', '--train', 'train.csv', '--target', 'y', '--folds', '3', '--models', 'linear;mlp:3:tanh', '--epochs', '4', '--backend', 'wasm'],
      ['batch-study', '--train', 'train.csv', '--target', 'y', '--batch-sizes', '4,full', '--epochs', '3', '--backend', 'wasm'],
      ['learning-curve', '--train', 'train.csv', '--target', 'y', '--model', 'mlp:3:tanh', '--folds', '2', '--sizes', '4,8', '--epochs', '3', '--backend', 'wasm'],
    ]) {
      const local = await runIn(dir, [...args, '--json', 'local.json']);
      expect(local.code).toBe(0);
      const queued = await runIn(dir, [...args, '--json', 'queued.json', '--queue', redis.url]);
      expect(queued.code).toBe(0);
      expect(withoutTimings(await readFile(join(dir, 'queued.json'), 'utf8'))).toBe(withoutTimings(await readFile(join(dir, 'local.json'), 'utf8')));
    }
    expect(workers.every((w) => /optim\/fit\) done/.test(w.text()))).toBe(true);
    expect(workers.some((w) => /optim\/batch-trial\) done/.test(w.text()))).toBe(true);
  }, 300_000);
});
