/**
 * docs/guide/cli.md cannot drift from the CLI: every command the CLI lists is documented with
 * exactly the flags its --help shows, and every documented command has a command file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentedCommands, helpCommands, helpFlags, losslensHelp } from './cli-help.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const documented = documentedCommands(readFileSync(`${root}docs/guide/cli.md`, 'utf8'));
const helps = new Map<string, string>();

/** Runs `tasks` with at most `limit` at a time (each one starts a Node process). */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

beforeAll(async () => {
  const top = helpCommands(await losslensHelp(['--help']));
  const texts = await pool(top.map((name) => () => losslensHelp([name, '--help'])), 3);
  // `data` and `model` are groups: their leaves are `data inspect` and `model summary`.
  const leaves: string[] = [];
  top.forEach((name, i) => {
    const subs = helpCommands(texts[i] as string);
    if (subs.length === 0) helps.set(name, texts[i] as string);
    else leaves.push(...subs.map((sub) => `${name} ${sub}`));
  });
  const leafTexts = await pool(leaves.map((leaf) => () => losslensHelp([...leaf.split(' '), '--help'])), 3);
  leaves.forEach((leaf, i) => helps.set(leaf, leafTexts[i] as string));
}, 120_000);

describe('cli.md matches the CLI', () => {
  it('documents every command the CLI lists, with exactly its flags', () => {
    expect(helps.size).toBeGreaterThanOrEqual(9);
    for (const [command, help] of helps) {
      const flags = documented.get(command);
      expect(flags, `cli.md has no "### losslens ${command}" section`).toBeDefined();
      expect([...(flags as Set<string>)].sort(), `flags of losslens ${command}`).toEqual(helpFlags(help).sort());
    }
  });

  it('documents only commands that exist', () => {
    for (const command of documented.keys()) {
      const file = `${root}apps/cli/src/commands/${command.replace(' ', '-')}.ts`;
      expect(existsSync(file), `losslens ${command}: no ${file}`).toBe(true);
    }
  });
});
