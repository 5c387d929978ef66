import type { Command } from 'commander';
import { describeLens } from '@losslens/lens';
import type { CliIO } from '../command.js';
import { openLens, pluginFlag } from '../lens.js';
import { formatTable } from '../table.js';

/** `losslens plugins`: what the lens has registered (built-ins and `--plugin` modules), and by whom. */
export function register(program: Command, io: CliIO): void {
  program
    .command('plugins')
    .description('list every registered dataset, model, optimizer, schedule, splitter, augmentation, analysis and backend, and the plugin that gave it')
    .option(...pluginFlag)
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { plugin?: string[]; json?: boolean }) => {
      const lens = await openLens({ ...(flags.plugin ? { plugin: flags.plugin } : {}), backend: 'cpu' }, io);
      const rows = describeLens(lens);
      if (flags.json === true) {
        const plugins = lens.plugins.map((p) => ({ name: p.name, version: p.version, dependencies: p.dependencies ?? [] }));
        io.stdout(`${JSON.stringify({ plugins, contributions: rows }, null, 2)}\n`);
        return;
      }
      io.stdout(`${formatTable(['kind', 'name', 'plugin'], rows.map((r) => [r.kind, r.key, `${r.plugin}@${r.version}`]))}\n`);
      io.stdout(`\n${lens.plugins.length} plugins; a name may be given without its namespace when it is unique (adam for optim/adam).\n`);
    });
}
