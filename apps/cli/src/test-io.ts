import { createEventChannel } from '@losslens/core';
import type { CliIO } from './command.js';

/** An in-memory CliIO for tests: read `out` and `err` after `runCli`. */
export function memoryIO(cwd = process.cwd()): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    cwd,
    events: createEventChannel(),
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

/**
 * Runs the CLI in `cwd` with an in-memory IO and returns the exit code and both streams.
 * @example
 * const { code, out, err } = await runIn(dir, ['cv', '--train', 'train.csv', '--target', 'y', '--models', 'linear']);
 */
export async function runIn(cwd: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const { runCli } = await import('./main.js');
  const io = memoryIO(cwd);
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}
