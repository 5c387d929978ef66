/**
 * Ctrl-C (SIGINT) and SIGTERM. By default the first signal quits at once (exit 130 or 143),
 * removing any half-written temporary output, so nothing half-written is ever left. Long
 * commands that can stop between runs ask for {@link stopSignal}: then the first signal only
 * aborts that signal, the command finishes the run in progress, writes what finished (marked
 * `"partial": true`) and exits 130/143; a second signal quits at once.
 */
import type { CliIO } from './command.js';
import { removeTemporariesNow } from './write-output.js';

/** Exit codes of a command stopped by a signal: 128 + the signal's number. */
export const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/** The signals losslens handles. */
export type StopSignal = keyof typeof signalExitCodes;

/** What a CLI invocation knows about interrupts (tests pass a fake; processIO listens for real signals). */
export interface Interrupts {
  /** Asks the first signal to stop at the next safe point instead of quitting; returns the signal aborted then (its reason is the signal's name). */
  safeStop(): AbortSignal;
}

/** Thrown by a command that stopped early on a signal after writing what finished; main maps it to 130/143. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(
    readonly signal: StopSignal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Listens for SIGINT and SIGTERM on this process (once per process).
 * @example
 * const io = { ...processIO(), interrupts: listenForInterrupts((text) => process.stderr.write(text)) };
 */
export function listenForInterrupts(stderr: (text: string) => void, exit: (code: number) => never = process.exit): Interrupts {
  let controller: AbortController | undefined;
  const onSignal = (signal: StopSignal) => {
    if (controller !== undefined && !controller.signal.aborted) {
      controller.abort(signal);
      const again = signal === 'SIGINT' ? 'press Ctrl-C again' : 'send SIGTERM again';
      stderr(`\nlosslens: ${signal}: stopping after the run in progress to write what finished; ${again} to quit now\n`);
      return;
    }
    removeTemporariesNow();
    stderr(`\nlosslens: ${signal}: quit at once (no file is left half-written)\n`);
    exit(signalExitCodes[signal]);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return {
    safeStop() {
      controller ??= new AbortController();
      return controller.signal;
    },
  };
}

/**
 * The signal a long command checks between runs: aborted on the first SIGINT/SIGTERM (never,
 * when the invocation has no interrupts, e.g. in tests that pass none).
 * @example
 * const stop = stopSignal(io);
 * for (const run of runs) { if (stop.aborted) break; await run(); }
 */
export function stopSignal(io: CliIO): AbortSignal {
  return io.interrupts?.safeStop() ?? new AbortController().signal;
}

/** The signal a stopped command was stopped by. */
export function stoppedBy(signal: AbortSignal): StopSignal {
  return signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}
