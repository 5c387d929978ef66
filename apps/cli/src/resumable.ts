/**
 * The loop long commands share: run units of work in steps, skipping those a `--resume` file
 * already holds, and stop between steps when SIGINT/SIGTERM arrived; then either everything is
 * done, or the command writes a partial output and stops with exit 130/143 ({@link stopWithPartial}).
 */
import type { CliIO } from './command.js';
import { Interrupted, stoppedBy } from './interrupt.js';
import { writeOutput } from './write-output.js';

/** What {@link runInSteps} needs. */
export interface Steps<Unit, Done> {
  /** All units, in output order. */
  units: readonly Unit[];
  /** A unit's key (what finished work is looked up by). */
  key: (unit: Unit) => string;
  /** Finished work from `--resume`, by key. */
  finished?: ReadonlyMap<string, Done>;
  /** Units per step (units of one step run together, e.g. in parallel workers). */
  stepSize?: number;
  /** Runs one step's units; returns their results in the same order. */
  run: (units: Unit[], step: { offset: number; total: number }) => Promise<Done[]>;
  /** Aborted by the first SIGINT/SIGTERM: no new step starts. */
  signal: AbortSignal;
}

/**
 * Runs the units not yet finished, `stepSize` at a time, checking `signal` between steps.
 * Returns the finished work by key and the units still missing (none unless stopped).
 * @example
 * const { done, missing } = await runInSteps({ units: seeds, key: String, run: (s) => study(s), signal });
 */
export async function runInSteps<Unit, Done>(steps: Steps<Unit, Done>): Promise<{ done: Map<string, Done>; missing: Unit[] }> {
  const done = new Map<string, Done>();
  for (const unit of steps.units) {
    const found = steps.finished?.get(steps.key(unit));
    if (found !== undefined) done.set(steps.key(unit), found);
  }
  const todo = steps.units.filter((unit) => !done.has(steps.key(unit)));
  const size = Math.max(1, steps.stepSize ?? 1);
  for (let start = 0; start < todo.length; start += size) {
    if (steps.signal.aborted) return { done, missing: todo.slice(start) };
    const units = todo.slice(start, start + size);
    const results = await steps.run(units, { offset: done.size, total: steps.units.length });
    units.forEach((unit, i) => done.set(steps.key(unit), results[i] as Done));
  }
  return { done, missing: [] };
}

/**
 * Writes a partial output (when the command has a `--json` path) and throws {@link Interrupted},
 * which main turns into one stderr line and exit 130 (SIGINT) or 143 (SIGTERM).
 * @example
 * if (missing.length > 0) await stopWithPartial(io, signal, flags.json, json, `stopped after 2 of 4 batch sizes`);
 */
export async function stopWithPartial(io: CliIO, signal: AbortSignal, path: string | undefined, json: object, summary: string): Promise<never> {
  if (path === undefined) {
    throw new Interrupted(stoppedBy(signal), `${stoppedBy(signal)}: ${summary}; no --json was given, so nothing was saved to resume from`);
  }
  const written = await writeOutput(io.cwd, path, `${JSON.stringify(json, null, 2)}\n`, '--json');
  throw new Interrupted(stoppedBy(signal), `${stoppedBy(signal)}: ${summary}; wrote the finished part to ${written} ("partial": true); continue with --resume ${path}`);
}

/**
 * The flags that decide a command's results (every flag but outputs, `--resume`, worker counts and `--queue`),
 * which a `--resume` must repeat.
 * @example
 * const settings = resultSettings(flags);
 */
export function resultSettings(flags: object): Record<string, unknown> {
  const ignored = new Set(['json', 'svg', 'html', 'report', 'resume', 'workers', 'queue']);
  return Object.fromEntries(Object.entries(flags).filter(([key, value]) => !ignored.has(key) && value !== undefined));
}
