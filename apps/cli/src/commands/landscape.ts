import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { datasetObjective, filterNormalizedSurface, interpolate1d, type Interpolation, type LossSurface } from '@losslens/critical';
import { escapeHtml, htmlPage, lineChart, renderSvg, type ChartSpec } from '@losslens/plot';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { openLens, pluginFlag } from '../lens.js';
import { dataAndLoss, loadPoint } from './hessian.js';
import { analysisDataOptions, loadAnalysisData, type AnalysisDataFlags } from '../analysis-data.js';

interface LandscapeFlags extends AnalysisDataFlags {
  model: string;
  compare?: string;
  loss?: 'mse' | 'crossentropy';
  points?: number;
  range: number;
  from: number;
  to: number;
  backend?: string;
  json?: string;
  svg?: string;
  html?: string;
}

/**
 * The 2-D surface as a Vega-Lite heatmap (log-scaled colour when the loss spans decades), with
 * the centre (your model, α = β = 0) and the lowest grid point marked, and horizontal tick
 * labels at every fifth grid value.
 */
export function surfaceSpec(surface: LossSurface, title: string): ChartSpec {
  const values = surface.y.flatMap((b, j) => surface.x.map((a, i) => ({ alpha: a, beta: b, loss: surface.loss[j]?.[i] ?? Number.NaN })));
  const drawn = values.filter((v) => Number.isFinite(v.loss));
  const finite = drawn.map((v) => v.loss).filter((l) => l > 0);
  const spansDecades = finite.length > 0 && Math.max(...finite) / Math.min(...finite) > 100;
  const ticks = (axis: readonly number[]) => {
    const step = Math.max(1, Math.round((axis.length - 1) / 4));
    return axis.filter((_, i) => i % step === 0 || i === axis.length - 1);
  };
  const center = { alpha: surface.x[Math.floor(surface.x.length / 2)] ?? 0, beta: surface.y[Math.floor(surface.y.length / 2)] ?? 0, label: 'your model' };
  const lowest = drawn.reduce<(typeof drawn)[number] | undefined>((best, v) => (best === undefined || v.loss < best.loss ? v : best), undefined);
  const marks = [center, ...(lowest !== undefined && (lowest.alpha !== center.alpha || lowest.beta !== center.beta) ? [{ alpha: lowest.alpha, beta: lowest.beta, label: `lowest ${lowest.loss.toPrecision(3)}` }] : [])];
  const x = { field: 'alpha', type: 'ordinal', title: 'α (first filter-normalized direction)', sort: 'ascending', axis: { format: '.2f', labelAngle: 0, values: ticks(surface.x) } };
  const y = { field: 'beta', type: 'ordinal', title: 'β (second direction)', sort: 'descending', axis: { format: '.2f', values: ticks(surface.y) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    height: 420,
    background: 'white',
    encoding: { x, y },
    layer: [
      {
        data: { values: drawn },
        mark: { type: 'rect' },
        encoding: { color: { field: 'loss', type: 'quantitative', title: 'loss', scale: { type: spansDecades ? 'log' : 'linear', scheme: 'viridis' } } },
      },
      { data: { values: marks }, mark: { type: 'point', shape: 'cross', size: 120, filled: true, color: 'white', stroke: 'black', strokeWidth: 1 } },
      // Labels on the right half are written leftwards, so none runs off the plot.
      ...[false, true].map((right) => ({
        data: { values: marks.filter((m) => (m.alpha > center.alpha) === right) },
        mark: { type: 'text', align: right ? 'right' : 'left', dx: right ? -8 : 8, dy: -8, color: 'white', fontWeight: 'bold', fontSize: 12 },
        encoding: { text: { field: 'label', type: 'nominal' } },
      })),
    ],
  } as ChartSpec;
}

/** The 1-D interpolation as a line chart. */
export function interpolationSpec(curve: Interpolation, title: string): ChartSpec {
  return lineChart({
    title,
    series: [{ name: 'loss', points: curve.alpha.map((a, i) => [a, curve.loss[i] as number] as const) }],
    x: { title: 'α: θ = (1 − α)·θ_A + α·θ_B' },
    y: { title: 'loss' },
    marks: [
      { x: 0, label: 'A' },
      { x: 1, label: 'B' },
    ],
  });
}

/** `losslens landscape`: the loss around a solution (2-D, filter-normalized) or between two (1-D). */
export function register(program: Command, io: CliIO): void {
  analysisDataOptions(
    program
      .command('landscape')
      .description('loss landscape: a 2-D filter-normalized surface around --model, or the 1-D line from --model to --compare')
      .requiredOption('--model <model.json>', 'a tfjs-layers model.json or its folder (the center / point A; a preprocessing.json beside it is applied), or a spec (θ = init(--seed))')
      .option('--compare <model.json>', 'a second solution of the same architecture: interpolate from --model to it (1-D)'),
  )
    .option('--loss <loss>', 'mse | crossentropy (default: from the target column)', choiceFlag('--loss', ['mse', 'crossentropy'] as const))
    .option('--points <n>', 'grid points per axis (default 21 for 2-D, 41 for 1-D)', intFlag('--points', { min: 2, max: 201 }))
    .option('--range <r>', '2-D: the grid spans [−r, r] along both directions', numberFlag('--range'), 1)
    .option('--from <α>', '1-D: first α', numberFlag('--from', {}), -0.5)
    .option('--to <α>', '1-D: last α', numberFlag('--to', {}), 1.5)
    .option('--seed <n>', 'seed of the random directions', seedFlag(), 0)
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available)')
    .option(...pluginFlag)
    .option('--json <out>', 'write the grid or the curve as JSON')
    .option('--svg <out>', 'write the plot as SVG')
    .option('--html <out>', 'write a self-contained HTML page with the plot')
    .action(async (flags: LandscapeFlags) => {
      await preflightOutputs(io.cwd, flags);
      const lens = await openLens(flags, io);
      const task = flags.loss === 'mse' ? 'regression' : flags.loss === 'crossentropy' ? 'classification' : undefined;
      const { dataset } = await loadAnalysisData(flags, flags.model, io, lens, task);
      const a = await loadPoint(flags.model, dataset, io, flags.seed, '--model', lens);
      const { data, loss } = dataAndLoss(a.model, dataset, flags.loss);
      const objective = datasetObjective(a.model, data, loss);
      let json: Record<string, unknown>;
      let spec: ChartSpec;
      let title: string;
      let summary: string;
      try {
        if (flags.compare !== undefined) {
          const b = await loadPoint(flags.compare, dataset, io, flags.seed + 1, '--compare', lens);
          if (b.model.parameterCount !== a.model.parameterCount || b.model.layout.some((block, i) => block.name !== a.model.layout[i]?.name)) {
            throw new InputError('E_SHAPE', `${flags.compare} has a different architecture from ${flags.model} (${b.model.parameterCount} vs ${a.model.parameterCount} parameters)`, { flag: '--compare' });
          }
          if (!(flags.to > flags.from)) throw new InputError('E_USAGE', `--to (${flags.to}) must exceed --from (${flags.from})`, { flag: '--to' });
          const curve = interpolate1d(objective, a.theta, b.theta, { from: flags.from, to: flags.to, points: flags.points ?? 41, events: io.events });
          title = `Loss from ${flags.model} (α = 0) to ${flags.compare} (α = 1)`;
          json = { mode: '1d', alpha: curve.alpha, loss: curve.loss };
          spec = interpolationSpec(curve, title);
          const at = (alpha: number) => curve.loss[curve.alpha.findIndex((x) => Math.abs(x - alpha) < 1e-9)];
          summary = `loss at A: ${at(0)?.toPrecision(4) ?? '—'}, at B: ${at(1)?.toPrecision(4) ?? '—'}, highest between: ${Math.max(...curve.loss.filter((_, i) => (curve.alpha[i] as number) >= 0 && (curve.alpha[i] as number) <= 1)).toPrecision(4)}`;
          io.stdout(`${title}\n${summary}\n`);
        } else {
          const surface = filterNormalizedSurface(objective, a.theta, { range: flags.range, points: flags.points ?? 21, seed: flags.seed, events: io.events });
          title = `Loss surface around ${flags.model} (filter-normalized directions, Li et al. 2018)`;
          json = { mode: '2d', alpha: surface.x, beta: surface.y, loss: surface.loss };
          spec = surfaceSpec(surface, `Loss on the plane of two random filter-normalized directions through ${flags.model}`);
          const flat = surface.loss.flat();
          const center = surface.loss[Math.floor(surface.y.length / 2)]?.[Math.floor(surface.x.length / 2)] ?? Number.NaN;
          summary = `${surface.x.length}×${surface.y.length} grid over [−${flags.range}, ${flags.range}]²: loss at the center ${center.toPrecision(4)}, min ${Math.min(...flat).toPrecision(4)}, max ${Math.max(...flat).toPrecision(4)}`;
          io.stdout(`${title}\n${summary}\n`);
        }
      } finally {
        objective.dispose();
      }
      if (flags.json !== undefined) io.stdout(`wrote ${await writeOutput(io.cwd, flags.json, `${JSON.stringify(json)}\n`, '--json')}\n`);
      if (flags.svg !== undefined || flags.html !== undefined) {
        const svg = await renderSvg(spec);
        if (flags.svg !== undefined) io.stdout(`wrote ${await writeOutput(io.cwd, flags.svg, svg, '--svg')}\n`);
        if (flags.html !== undefined) {
          io.stdout(`wrote ${await writeOutput(io.cwd, flags.html, htmlPage({ title, sections: [{ heading: 'Landscape', html: `<p>${escapeHtml(summary)}</p>${svg}` }] }), '--html')}\n`);
        }
      }
    });
}
