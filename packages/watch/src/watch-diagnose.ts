/**
 * What `watcher.diagnose()` does: the health detectors on the recorded signals and, on request,
 * the lecture's tree with its comparison runs on the user's own model and settings; then the
 * same JSON / Markdown / HTML reports the CLI writes, with the run's health added.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { diagnose, diagnosisMarkdown, diagnosisReport, type DiagnoseOptions, type Diagnosis } from '@losslens/diagnose';
import { detectHealth, formatDetections, healthCharts, type Detection, type HealthSignals, type HealthThresholds } from '@losslens/health';
import { fromLayersModel } from '@losslens/models';
import { escapeHtml, htmlPage, renderSvg } from '@losslens/plot';
import type { WatchedModel } from './layers-protocol.js';
import { chainLayers } from './layer-signals.js';
import { learningRateOf } from './learning-rate.js';
import type { ProbeBatch, WatchedSettings, WatchReportPaths } from './watch.js';

/** Options of `watcher.diagnose()`. */
export interface WatchDiagnoseOptions {
  /** Your training data; needed for `comparisons` (a losslens Dataset, or tensors as you fit them). */
  train?: Dataset | ProbeBatch;
  /** Your test data: enables the tree's mismatch branch. */
  test?: Dataset | ProbeBatch;
  /** Run the tree's comparison runs (your architecture from fresh weights, its relatives, another optimizer). Default false. */
  comparisons?: boolean;
  /** Settings for the comparison runs beyond those read from your training (budget, seeds, epochs, …). */
  settings?: Omit<DiagnoseOptions, 'train' | 'test' | 'model'>;
  thresholds?: Partial<HealthThresholds>;
  /** Report paths (default: those given to `watch`). */
  report?: WatchReportPaths;
  /** Folder relative report paths resolve against. Default: the process's. */
  cwd?: string;
}

/** What `watcher.diagnose()` returns. */
export interface WatchDiagnosis {
  signals: HealthSignals;
  detections: Detection[];
  /** With `comparisons`: the tree's diagnosis (the CLI's JSON contract). */
  diagnosis?: Diagnosis;
  /** The Markdown the CLI would print. */
  markdown: string;
  /** Paths written. */
  written: string[];
}

/** tfjs optimizer class → losslens optimizer name. */
const OPTIMIZERS: Record<string, string> = { SGD: 'sgd', Momentum: 'momentum', Adam: 'adam', RMSProp: 'rmsprop', Adagrad: 'adagrad' };

/** The optimizer, rate, epochs and batch size your fit used, as `diagnose` options. */
export function trainingSettings(model: WatchedModel | undefined, params: WatchedSettings['params']): Partial<DiagnoseOptions> {
  const out: Partial<DiagnoseOptions> = {};
  const optimizer = model?.optimizer;
  if (optimizer !== undefined) {
    const name = OPTIMIZERS[optimizer.getClassName()];
    const nesterov = optimizer.getConfig().useNesterov === true;
    if (name !== undefined) out.optimizer = name === 'momentum' && nesterov ? 'nesterov' : name;
    try {
      out.learningRate = learningRateOf(optimizer);
    } catch {
      /* no numeric rate */
    }
  }
  if (typeof params.epochs === 'number') out.epochs = params.epochs;
  if (typeof params.batchSize === 'number') out.batchSize = params.batchSize;
  return out;
}

/**
 * Tensors as a losslens Dataset: one-hot (or class-index) targets for classification, columns for regression.
 * @example
 * const train = datasetFromTensors({ x, y }, 'classification');
 */
export function datasetFromTensors(batch: ProbeBatch, task: Dataset['task'], name = 'your data'): Dataset {
  const n = batch.x.shape[0] as number;
  const featureShape = batch.x.shape.slice(1);
  const features = batch.x.dataSync() as Float32Array;
  let targets: Float32Array;
  let outputs: number;
  if (task === 'classification') {
    const oneHot = batch.y.rank === 2 && (batch.y.shape[1] as number) > 1;
    if (oneHot) {
      outputs = batch.y.shape[1] as number;
      const indices = tf.tidy(() => tf.argMax(batch.y, 1).dataSync());
      targets = Float32Array.from(indices);
    } else {
      targets = Float32Array.from(batch.y.dataSync());
      outputs = Math.max(...targets) + 1;
      if (outputs < 2 || targets.some((t) => !Number.isInteger(t))) throw new RangeError('watch: classification targets must be one-hot rows or class indices 0…C−1 (a single sigmoid output is not supported for the comparison runs)');
    }
  } else {
    outputs = batch.y.rank === 1 ? 1 : (batch.y.shape.slice(1).reduce((a, b) => a * b, 1) as number);
    targets = Float32Array.from(batch.y.dataSync());
  }
  return {
    name,
    task,
    n,
    featureShape,
    features: Float32Array.from(features),
    targets,
    outputs,
    featureNames: Array.from({ length: featureShape.reduce((a, b) => a * b, 1) }, (_, i) => `x${i}`),
    targetName: 'y',
    ...(task === 'classification' ? { classNames: Array.from({ length: outputs }, (_, i) => String(i)) } : {}),
    origin: 'memory:watch',
  };
}

const isDataset = (d: Dataset | ProbeBatch): d is Dataset => (d as Dataset).features instanceof Float32Array;

/** Runs the detectors (and the tree, with `comparisons`) and writes the reports. */
export async function diagnoseWatched(signals: HealthSignals, settings: WatchedSettings, options: WatchDiagnoseOptions & { report: WatchReportPaths }): Promise<WatchDiagnosis> {
  if (signals.epochs.length === 0) throw new Error('watch: nothing recorded yet; train with the watcher in model.fit({ callbacks }) first');
  const detections = detectHealth(signals, options.thresholds ? { thresholds: options.thresholds } : {});
  let diagnosis: Diagnosis | undefined;
  if (options.comparisons) {
    if (options.train === undefined) throw new Error('watch: diagnose({ comparisons: true }) needs your training data: diagnose({ train: { x, y } })');
    if (settings.model === undefined) throw new Error('watch: no model was trained with the watcher');
    const train = isDataset(options.train) ? options.train : datasetFromTensors(options.train, signals.task, 'your training data');
    const test = options.test === undefined ? undefined : isDataset(options.test) ? options.test : datasetFromTensors(options.test, signals.task, 'your test data');
    const { model } = await fromLayersModel(asSequential(settings.model));
    diagnosis = await diagnose({ ...trainingSettings(settings.model, settings.params), ...options.settings, train, ...(test ? { test } : {}), model });
  }
  const healthMarkdown = `## Training health of your run (${signals.epochs.length - 1} epochs recorded, probe ${signals.probeRows} rows)\n\n${formatDetections(detections)}`;
  const markdown = diagnosis === undefined ? `# Training health\n\n${healthMarkdown}` : `${diagnosisMarkdown(diagnosis)}\n${healthMarkdown}`;
  const written: string[] = [];
  const cwd = options.cwd ?? process.cwd();
  const write = async (path: string | undefined, text: () => Promise<string> | string) => {
    if (path === undefined) return;
    const target = resolve(cwd, path);
    const body = await text();
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, target);
    written.push(target);
  };
  await write(options.report.json, () => `${JSON.stringify({ ...(diagnosis ?? {}), health: { detections, signals } }, null, 2)}\n`);
  await write(options.report.markdown, () => markdown);
  await write(options.report.html, async () => {
    const section = await healthSection(signals, detections);
    if (diagnosis === undefined) return htmlPage({ title: 'Training health of your run', sections: section });
    const page = await diagnosisReport(diagnosis);
    const extra = section.map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.html}\n</section>`).join('\n');
    return page.replace('</body>', `${extra}\n</body>`);
  });
  return { signals, detections, ...(diagnosis ? { diagnosis } : {}), markdown, written };
}

/** The health part of the HTML report: the detector table and the per-layer charts. */
async function healthSection(signals: HealthSignals, detections: readonly Detection[]) {
  const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));
  const rows = detections
    .map((d) => `<tr${d.fired ? ' style="background:#fee"' : ''}><td>${escapeHtml(d.detector)}</td><td>${d.fired ? '<strong>yes</strong>' : 'no'}</td><td>${fmt(d.value)}</td><td>${fmt(d.threshold)}</td><td>${escapeHtml(d.finding)}</td></tr>`)
    .join('');
  const charts = healthCharts(signals);
  return [
    { heading: 'Training health of your run (detectors)', html: `<table><tr><th>detector</th><th>fired</th><th>value</th><th>threshold</th><th>finding</th></tr>${rows}</table>` },
    { heading: 'Gradient norm per layer (probe batch)', html: await renderSvg(charts.gradientNorms) },
    { heading: 'Update/weight ratio per layer', html: await renderSvg(charts.updateRatios) },
    { heading: 'Dead and saturated units per layer', html: await renderSvg(charts.activations) },
  ];
}

/**
 * fit hands callbacks a Sequential's inner functional model; when it is a chain, its saved
 * topology is rewritten as the Sequential it came from (same layers, same weights), which is
 * what `fromLayersModel` reads.
 */
export function asSequential(model: WatchedModel): { name?: string; save(handler: tf.io.IOHandler): Promise<unknown> } {
  return {
    ...(model.name !== undefined ? { name: model.name } : {}),
    async save(handler) {
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save({ save: async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; } });
      const topology = saved?.modelTopology as { class_name?: string; config?: { name?: string; layers?: { class_name: string; config: Record<string, unknown> }[] } } | undefined;
      if (saved === undefined || topology?.class_name !== 'Model' || chainLayers(model) === undefined) return handler.save!(saved!);
      const layers = topology.config?.layers ?? [];
      const input = layers.find((l) => l.class_name === 'InputLayer');
      const rest = layers.filter((l) => l.class_name !== 'InputLayer').map((l) => ({ class_name: l.class_name, config: { ...l.config } }));
      if (input !== undefined && rest[0] !== undefined) rest[0].config.batch_input_shape = input.config.batch_input_shape;
      return handler.save!({ ...saved, modelTopology: { ...topology, class_name: 'Sequential', config: { name: topology.config?.name, layers: rest } } });
    },
  };
}
