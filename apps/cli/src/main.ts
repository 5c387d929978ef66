/**
 * The losslens command line: builds the commander program from the command files and maps
 * errors to exit codes (0 done, 2 bad input or usage with one stderr line, 1 internal error,
 * 130/143 stopped by SIGINT/SIGTERM).
 */
import { Command, CommanderError } from 'commander';
import { createEventChannel, isInputError } from '@losslens/core';
import { TaskFailedError } from '@losslens/optim';
import type { CliIO, RegisterCommand } from './command.js';
import { renderProgress } from './progress.js';
import { packageVersion } from './version.js';
import { Interrupted, listenForInterrupts, signalExitCodes } from './interrupt.js';
import { register as backends } from './commands/backends.js';
import { register as dataInspect } from './commands/data-inspect.js';
import { register as diagnoseCommand } from './commands/diagnose.js';
import { register as modelSummary } from './commands/model-summary.js';
import { register as cv } from './commands/cv.js';
import { register as learningCurve } from './commands/learning-curve.js';
import { register as shift } from './commands/shift.js';
import { register as train } from './commands/train.js';
import { register as batchStudy } from './commands/batch-study.js';
import { register as hessian } from './commands/hessian.js';
import { register as criticalStudy } from './commands/critical-study.js';
import { register as landscape } from './commands/landscape.js';
import { register as plugins } from './commands/plugins.js';
import { register as lrFind } from './commands/lr-find.js';
import { register as worker } from './commands/worker.js';

/** Every command, in the order `--help` lists them. */
export const commands: readonly RegisterCommand[] = [diagnoseCommand, hessian, criticalStudy, landscape, train, lrFind, batchStudy, cv, learningCurve, shift, dataInspect, modelSummary, plugins, backends, worker];

/** The default IO: process streams, the current directory, a fresh event channel. */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    events: createEventChannel(),
    interrupts: listenForInterrupts((text) => void process.stderr.write(text)),
  };
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code.
 * @example
 * const code = await runCli(['backends', '--json'], io);
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = new Command('losslens')
    .description('Find out why a neural network fails to train, and show the measurements behind the answer.')
    .version(packageVersion, '-V, --version', 'print the version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => {},
    });
  for (const register of commands) register(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => {},
    });
  }
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  const stopProgress = renderProgress(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.stderr(`losslens: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    if (isInputError(error)) {
      io.stderr(`losslens: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TaskFailedError) {
      io.stderr(`losslens: the study failed: ${error.message}\n`);
      return 1;
    }
    if (error instanceof Interrupted) {
      io.stderr(`losslens: ${error.message}\n`);
      return signalExitCodes[error.signal];
    }
    io.stderr(`losslens: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    stopProgress();
  }
}
