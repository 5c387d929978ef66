/**
 * Reads the `losslens` command line as a user sees it: runs `pnpm losslens`'s entry point
 * (`node --conditions=source --import tsx apps/cli/src/bin.ts`) with `--help` and parses the
 * commands and flags out of commander's help text.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** `losslens <args…>`'s stdout. */
export async function losslensHelp(args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', 'apps/cli/src/bin.ts', ...args], {
    cwd: root,
    timeout: 60_000,
  });
  return stdout;
}

/**
 * The command names listed under "Commands:" in a help text (without `help`).
 * @example
 * helpCommands('Commands:\n  cv [options]  N-fold…\n  help [command]  display help\n'); // ['cv']
 */
export function helpCommands(help: string): string[] {
  const section = help.split(/^Commands:\s*$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((name) => name !== 'help');
}

/**
 * The long flags listed under "Options:" in a help text (without `--help`).
 * @example
 * helpFlags('Options:\n  --train <file>  training CSV\n  -h, --help  display help\n'); // ['--train']
 */
export function helpFlags(help: string): string[] {
  const section = (help.split(/^Options:\s*$/m)[1] ?? '').split(/^Commands:\s*$/m)[0] ?? '';
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((flag) => flag !== '--help');
}

/**
 * The commands documented in cli.md (`### losslens name [sub]…` headings) with the flags in
 * the tables of their sections.
 * @example
 * documentedCommands('### losslens cv\n| `--folds <k>` | 5 | … |\n'); // Map { 'cv' => Set { '--folds' } }
 */
export function documentedCommands(markdown: string): Map<string, Set<string>> {
  const commands = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4} `?losslens ((?:[a-z][\w-]*)(?: [a-z][\w-]*)?)/.exec(line);
    if (heading) {
      current = new Set();
      commands.set(heading[1] as string, current);
    } else if (/^#{1,3} /.test(line)) {
      current = undefined;
    } else if (current !== undefined && line.startsWith('|')) {
      for (const m of line.matchAll(/`(--[a-z][\w-]*)/g)) current.add(m[1] as string);
    }
  }
  return commands;
}
