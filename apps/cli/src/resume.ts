/**
 * Partial outputs and `--resume`. A long command stopped by a signal writes its usual JSON
 * with what finished, plus `"partial": true`, `"missing"` (what did not run) and `"resume"`
 * (the command, the settings that decide its results, and the finished work in full
 * precision). `--resume OUT.json` reads that back, refuses a file made with other settings,
 * and hands the finished work to the command, which runs only what is missing.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, systemErrorWords } from '@losslens/core';

/** The `resume` section of a partial output. */
export interface ResumeSection<State> {
  command: string;
  settings: Record<string, unknown>;
  state: State;
}

/** JSON cannot hold NaN or ±Infinity; the resume state keeps them as `{ "$number": "Infinity" }`. */
const replacer = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;

const reviver = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $number?: unknown }).$number === 'string'
    ? Number((value as { $number: string }).$number)
    : value;

/**
 * The fields a partial output adds to a command's JSON.
 * @example
 * const json = { runs, ...partialFields('batch-study', settings, { batchSizes: ['full'] }, state) };
 */
export function partialFields<State>(command: string, settings: Record<string, unknown>, missing: Record<string, unknown>, state: State) {
  const resume: ResumeSection<State> = { command, settings, state: JSON.parse(JSON.stringify(state, replacer)) as State };
  return { partial: true as const, missing, resume };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads the partial output at `path` for `command` and returns its finished work. Throws
 * InputError naming `--resume` when the file is missing, not JSON, not a partial output of this
 * command, or made with other settings (naming the first that differs).
 * @example
 * const state = await readResume<{ runs: BatchRun[] }>(io.cwd, flags.resume, 'batch-study', settings);
 */
export async function readResume<State>(cwd: string, path: string, command: string, settings: Record<string, unknown>): Promise<State> {
  const fail = (message: string): never => {
    throw new InputError('E_USAGE', `${path}: ${message}`, { flag: '--resume' });
  };
  let text = '';
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    fail(`cannot read it: ${systemErrorWords(error)}`);
  }
  let json: { partial?: unknown; resume?: ResumeSection<unknown> };
  try {
    json = JSON.parse(text, reviver) as typeof json;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (json.partial !== true || typeof json.resume !== 'object' || json.resume === null) {
    fail(`is not a partial losslens output (no "partial": true); it is complete or was not written by an interrupted ${command}`);
  }
  const section = json.resume!;
  if (section.command !== command) fail(`is a partial ${String(section.command)} output, not ${command}`);
  for (const key of new Set([...Object.keys(settings), ...Object.keys(section.settings ?? {})])) {
    if (!same(settings[key], section.settings?.[key])) {
      fail(`was made with ${key} = ${JSON.stringify(section.settings?.[key])}, this run has ${JSON.stringify(settings[key])}; give the same flags to resume`);
    }
  }
  return section.state as State;
}
