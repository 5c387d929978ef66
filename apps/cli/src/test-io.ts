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
