import { expect, it } from 'vitest';
import { renderSvg } from '@losslens/plot';
import type { Detection } from './detection.js';
import { formatDetections, healthCharts } from './report.js';
import type { HealthSignals } from './signals.js';

const signals: HealthSignals = {
  model: 'mlp:4:relu', task: 'regression', outputs: 1, probeRows: 8, targetVariance: 1, defaultLoss: true,
  epochs: [0, 1, 2].map((epoch) => ({
    epoch, trainLoss: 1 / (epoch + 1), probeLoss: 1 / (epoch + 1), learningRate: 0.01,
    blocks: [
      { block: 'dense_1/kernel', weight: true, gradientNorm: 0.5 * (epoch + 1), weightNorm: 1, updateRatio: epoch === 0 ? Number.NaN : 1e-3 * epoch, finite: true },
      { block: 'dense_1/bias', weight: false, gradientNorm: 9, weightNorm: 1, updateRatio: 1, finite: true },
      { block: 'dense_2/kernel', weight: true, gradientNorm: 2, weightNorm: 1, updateRatio: 2e-3, finite: true },
    ],
    activations: [{ layer: 'dense_1', activation: 'relu', units: 4, deadShare: epoch / 4 }],
  })),
};

it('formatDetections writes one Markdown row per detector with value and threshold', () => {
  const d: Detection[] = [
    { detector: 'dying-relu', fired: true, finding: 'dying ReLU in dense_1 | a', value: 0.75, threshold: 0.5 },
    { detector: 'plateau', fired: false, finding: 'fine', value: 0.123456, threshold: 0.05 },
  ];
  expect(formatDetections(d)).toBe(
    '| detector | fired | value | threshold | finding |\n|---|:---:|---:|---:|---|\n| dying-relu | yes | 0.75 | 0.5 | dying ReLU in dense_1 \\| a |\n| plateau | no | 0.123 | 0.05 | fine |\n',
  );
});

it('healthCharts plots each weight layer’s gradient norm and ratio and each layer’s dead share per epoch, and renders', async () => {
  const charts = healthCharts(signals);
  const values = (spec: unknown) => ((spec as { layer: { data?: { values: { series: string; x: number; y: number }[] } }[] }).layer[0]!.data!.values);
  expect(values(charts.gradientNorms)).toEqual([
    { series: 'dense_1', x: 0, y: 0.5, order: 0 }, { series: 'dense_1', x: 1, y: 1, order: 1 }, { series: 'dense_1', x: 2, y: 1.5, order: 2 },
    { series: 'dense_2', x: 0, y: 2, order: 0 }, { series: 'dense_2', x: 1, y: 2, order: 1 }, { series: 'dense_2', x: 2, y: 2, order: 2 },
  ]);
  expect(values(charts.updateRatios).filter((v) => v.series === 'dense_1').map((v) => v.y)).toEqual([1e-3, 2e-3]); // NaN at epoch 0 left out
  expect(values(charts.activations).map((v) => [v.series, v.y])).toEqual([['dense_1 (dead)', 0], ['dense_1 (dead)', 0.25], ['dense_1 (dead)', 0.5]]);
  expect(await renderSvg(charts.gradientNorms)).toMatch(/^<svg/);
});
