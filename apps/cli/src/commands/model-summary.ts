import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { formatSummary, isModelPath, modelSummary, resolveModel, specPrefix } from '@losslens/models';
import type { CliIO } from '../command.js';
import { openLens, pluginFlag } from '../lens.js';

/** Parses `4`, `28,28,1` or `28x28x1` into a sample shape. */
function parseShape(text: string): number[] {
  const parts = text.split(/[,x]/).map((p) => p.trim());
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p) && Number(p) > 0)) {
    throw new InputError('E_USAGE', `--input-shape "${text}": expected positive integers such as 4 or 28,28,1`);
  }
  return parts.map(Number);
}

function parseOutputs(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) <= 0) {
    throw new InputError('E_USAGE', `--outputs "${text}": expected a positive integer`);
  }
  return Number(text);
}

/**
 * `losslens model summary <SPEC|model.json>`: layers, output shapes and parameter counts of a
 * model spec or a tfjs-layers model.json, as a table (or JSON with `--json`).
 */
export function register(program: Command, io: CliIO): void {
  const output = { writeOut: (text: string) => io.stdout(text), writeErr: (text: string) => io.stderr(text), outputError: () => {} };
  const model = program
    .command('model')
    .description('inspect model specs and tfjs-layers model.json files')
    .exitOverride()
    .configureOutput(output);
  model
    .command('summary')
    .description('print the layers, output shapes and parameter counts of a spec or a model.json')
    .argument('<model>', 'a spec (linear, mlp:64x64:relu, cnn:8c3-p2-16c3-p2:relu, resnet-mlp:64x4:relu) or a tfjs-layers model.json')
    .option('--input-shape <shape>', 'shape of one sample for a spec, e.g. 4 or 28,28,1 (default 4; 28,28,1 for cnn)')
    .option('--outputs <n>', 'number of outputs for a spec (default 1)')
    .option('--json', 'print the summary as JSON')
    .option(...pluginFlag)
    .exitOverride()
    .configureOutput(output)
    .action(async (specOrPath: string, options: { inputShape?: string; outputs?: string; json?: boolean; plugin?: string[] }) => {
      const lens = await openLens({ ...(options.plugin ? { plugin: options.plugin } : {}), backend: 'cpu' }, io);
      const inputShape = options.inputShape === undefined ? undefined : parseShape(options.inputShape);
      const outputs = options.outputs === undefined ? undefined : parseOutputs(options.outputs);
      const resolved = isModelPath(specOrPath)
        ? await resolveModel(specOrPath, { cwd: io.cwd, inputShape, outputs })
        : await lens.model(specOrPath, { inputShape: inputShape ?? (specPrefix(specOrPath) === 'cnn' ? [28, 28, 1] : [4]), outputs: outputs ?? 1 });
      const summary = modelSummary(resolved.model);
      io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
    });
}
