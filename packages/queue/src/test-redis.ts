/**
 * Test helpers: a private redis-server on a random loopback port (never the default one), and
 * worker processes of {@link startQueueWorker} for the fault tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Whether `redis-server` is on the PATH (the queue tests skip, saying so, when it is not). */
export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A running private Redis. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills it (SIGKILL: no persistence, so every key is lost) and, after `downMs`, starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`redis-server on port ${port} did not start: ${text}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${text}`));
    });
  });
  return child;
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/**
 * Starts redis-server on a free loopback port, without persistence.
 * @example
 * const redis = await startTestRedis(); try { … redis.url … } finally { await redis.stop(); }
 */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 300) {
      await stopChild(child);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await launch(port);
    },
    stop: () => stopChild(child),
  };
}

/** A worker process and the lines it printed. */
export interface TestWorker {
  child: ChildProcess;
  lines: string[];
  /** Resolves once a printed line matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

/**
 * Starts `test-worker.ts` in its own Node process.
 * @example
 * const worker = await startTestWorker(redis.url, { name: 'A' });
 */
export async function startTestWorker(url: string, options: { name: string; plugins?: string[]; lockMs?: number; queue?: string }): Promise<TestWorker> {
  const script = fileURLToPath(new URL('./test-worker.ts', import.meta.url));
  const args = ['--conditions=source', '--import', 'tsx', script, url, options.name, String(options.lockMs ?? 1500), (options.plugins ?? []).join(','), options.queue ?? 'losslens'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of [...waiters]) if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const worker: TestWorker = {
    child,
    lines,
    waitFor(pattern, timeoutMs = 60_000) {
      const found = lines.find((l) => pattern.test(l));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${options.name} printed no line matching ${pattern}; it printed:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    kill: () => stopChild(child),
  };
  await worker.waitFor(/^ready/);
  return worker;
}
