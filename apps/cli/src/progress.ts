/**
 * Renders progress events on stderr: a bar with ETA on a terminal (cli-progress), plain
 * throttled lines otherwise (CI logs, pipes). Plain output never goes quiet for long: when no
 * line was printed for {@link HEARTBEAT_MS}, a "still working" line repeats the last state.
 */
import cliProgress from 'cli-progress';
import type { LensEvent } from '@losslens/core';
import type { CliIO } from './command.js';

/** The longest plain progress output stays silent while work is under way: 5 s. */
export const HEARTBEAT_MS = 5000;

/**
 * The time left at the pace so far, in words: `ETA 40 s`, `ETA 3 min 20 s`, `ETA 1 h 5 min`.
 * @example
 * eta(10_000, 1, 5); // 'ETA 40 s'
 */
export function eta(elapsedMs: number, done: number, total: number): string {
  const left = Math.max(0, Math.round(((elapsedMs / done) * (total - done)) / 1000));
  if (left < 60) return `ETA ${left} s`;
  if (left < 3600) return `ETA ${Math.floor(left / 60)} min ${left % 60} s`;
  return `ETA ${Math.floor(left / 3600)} h ${Math.floor((left % 3600) / 60)} min`;
}

/** Subscribes a renderer to `io.events`; returns a function that finishes and unsubscribes. */
export function renderProgress(io: CliIO): () => void {
  let bar: cliProgress.SingleBar | undefined;
  let barTask = '';
  let lastLine = Date.now();
  let lastTask = '';
  let lastState = '';
  const started = Date.now();
  /** When the current task began: its stage's start, or the end of the task before it. */
  let taskStart = started;
  /** The last progress line (heartbeats do not count: they must not hold back real progress). */
  let lastProgress = 0;
  let boundary = started;
  const heartbeat = io.isTTY
    ? undefined
    : setInterval(() => {
        const now = Date.now();
        if (lastState === '' || now - lastLine < HEARTBEAT_MS) return;
        lastLine = now;
        io.stderr(`  ${lastState} (still working, ${Math.round((now - started) / 1000)} s)\n`);
      }, 1000);
  heartbeat?.unref();
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const off = io.events.on((event: LensEvent) => {
    if (event.type === 'stage') {
      if (event.state === 'start') {
        stopBar();
        lastLine = Date.now();
        boundary = lastLine;
        lastState = event.name;
        io.stderr(`▶ ${event.name}${event.message ? `: ${event.message}` : ''}\n`);
      }
      return;
    }
    if (event.type === 'note') {
      stopBar();
      io.stderr(`${event.level === 'warn' ? 'warning' : 'note'}: ${event.message}\n`);
      return;
    }
    if (io.isTTY) {
      if (bar === undefined || barTask !== event.task) {
        stopBar();
        barTask = event.task;
        bar = new cliProgress.SingleBar(
          {
            format: `  ${event.task} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} {message}`,
            stream: { write: (s: string) => io.stderr(s), isTTY: true, columns: 100, cursorTo() {}, clearLine() {}, moveCursor() {} } as unknown as NodeJS.WritableStream,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, event.done, { message: event.message ?? '' });
      } else {
        bar.update(event.done, { message: event.message ?? '' });
      }
      if (event.done >= event.total) stopBar();
      return;
    }
    const now = Date.now();
    if (event.task !== lastTask) taskStart = event.done === 0 ? now : boundary;
    lastState = `${event.task}: ${event.done}/${event.total}`;
    const finished = event.done >= event.total;
    if (finished) boundary = now;
    if (finished || event.task !== lastTask || now - lastProgress > 2000) {
      lastLine = now;
      lastProgress = now;
      lastTask = event.task;
      const left = event.done > 0 && !finished ? ` (${eta(now - taskStart, event.done, event.total)})` : '';
      io.stderr(`  ${event.task}: ${event.done}/${event.total}${event.message ? ` ${event.message}` : ''}${left}\n`);
    }
  });
  return () => {
    if (heartbeat !== undefined) clearInterval(heartbeat);
    stopBar();
    off();
  };
}
