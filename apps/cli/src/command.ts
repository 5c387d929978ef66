/**
 * What every CLI command file gets: where to write, how to report progress, and the
 * working directory. Commands are thin: parse flags, call packages, print results.
 */
import type { Command } from 'commander';
import type { EventChannel } from '@losslens/core';
import type { Interrupts } from './interrupt.js';

/** Output streams and context for one CLI invocation (tests pass in-memory ones). */
export interface CliIO {
  /** Writes to standard output (no newline added). */
  stdout(text: string): void;
  /** Writes to standard error (no newline added). */
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars) or not (plain progress lines). */
  isTTY: boolean;
  /** Directory relative paths resolve against. */
  cwd: string;
  /** Progress events from long work; main renders them on stderr. */
  events: EventChannel;
  /** SIGINT/SIGTERM handling (the real process has it; without it nothing stops early). */
  interrupts?: Interrupts;
}

/** A command file's export: adds its command (with flags and action) to the program. */
export type RegisterCommand = (program: Command, io: CliIO) => void;
