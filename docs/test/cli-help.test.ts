import { describe, expect, it } from 'vitest';
import { documentedCommands, helpCommands, helpFlags } from './cli-help.js';

const topHelp = `Usage: losslens [options] [command]

Options:
  -h, --help                display help for command

Commands:
  diagnose [options]        walk the lecture's decision tree: model bias,
                            optimization, overfitting, mismatch or healthy
  data                      look at datasets before training on them
  help [command]            display help for command
`;

const commandHelp = `Usage: losslens cv [options]

Options:
  --train <file>         training CSV (header row; every column but --target is
                         a numeric feature)
  --no-standardize       do not standardize features
  --models <specs>       candidate models separated by ";", e.g.
                         "linear;mlp:32:relu;--not-a-flag"
  -h, --help             display help for command
`;

describe('reading commander help', () => {
  it('lists commands without help, and flags without wrapped description text', () => {
    expect(helpCommands(topHelp)).toEqual(['diagnose', 'data']);
    expect(helpFlags(topHelp)).toEqual([]);
    expect(helpFlags(commandHelp)).toEqual(['--train', '--no-standardize', '--models']);
  });
});

describe('reading cli.md', () => {
  it('collects table flags per documented command and stops at the next section', () => {
    const md = [
      '## Diagnosis',
      '### `losslens diagnose`',
      'Text with `--not-in-a-table`.',
      '| flag | default | meaning |',
      '| `--train <file>` / `--dataset <name>` | | one of them |',
      '| `--seed <n>` | 0 | θ = init(`--seed`) |',
      '### losslens data inspect <model>',
      '| `--json` | | |',
      '## Training',
      '| `--orphan` | | |',
    ].join('\n');
    expect(documentedCommands(md)).toEqual(
      new Map([
        ['diagnose', new Set(['--train', '--dataset', '--seed'])],
        ['data inspect', new Set(['--json'])],
      ]),
    );
  });
});
