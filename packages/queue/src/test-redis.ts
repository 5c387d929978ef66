/** Test helper: worker processes of `startQueueWorker` (test-worker.ts) for the fault tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from './local-redis.js';

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
