import type { Command } from 'commander';
import { listBackends } from '@losslens/core';
import type { CliIO } from '../command.js';

/** `losslens backends`: which tfjs backends load on this machine, and the default. */
export function register(program: Command, io: CliIO): void {
  program
    .command('backends')
    .description('list the TensorFlow.js backends available on this machine and the default')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const rows = await listBackends();
      if (options.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const row of rows) {
        const mark = row.isDefault ? ' (default)' : '';
        const state = row.available ? 'available' : `unavailable: ${row.reason ?? ''}`;
        io.stdout(`${row.name.padEnd(11)} ${state}${mark}\n`);
      }
    });
}
