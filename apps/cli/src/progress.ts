/**
 * Renders progress events on stderr: a bar with ETA on a terminal (cli-progress), plain
 * throttled lines otherwise (CI logs, pipes).
 */
import cliProgress from 'cli-progress';
import type { LensEvent } from '@losslens/core';
import type { CliIO } from './command.js';

/** Subscribes a renderer to `io.events`; returns a function that finishes and unsubscribes. */
export function renderProgress(io: CliIO): () => void {
  let bar: cliProgress.SingleBar | undefined;
  let barTask = '';
  let lastLine = 0;
  let lastTask = '';
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const off = io.events.on((event: LensEvent) => {
    if (event.type === 'stage') {
      if (event.state === 'start') {
        stopBar();
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
    const finished = event.done >= event.total;
    if (finished || event.task !== lastTask || now - lastLine > 2000) {
      lastLine = now;
      lastTask = event.task;
      io.stderr(`  ${event.task}: ${event.done}/${event.total}${event.message ? ` ${event.message}` : ''}\n`);
    }
  });
  return () => {
    stopBar();
    off();
  };
}
