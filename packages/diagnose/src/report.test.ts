import { describe, expect, it } from 'vitest';
import { diagnosisReport, treeHtml } from './report.js';
import { renderSvg, ROLE_COLORS } from '@losslens/plot';
import type { Diagnosis } from './diagnose.js';
import { diagnosisMarkdown } from './markdown.js';
import type { RunSummary } from './measurements.js';
import { spectrumCharts } from './report-charts.js';
import { defaultThresholds } from './thresholds.js';

it('highlights exactly the nodes on the verdict path', () => {
  const html = treeHtml(['training-loss-small', 'testing-loss-large', 'mismatch']);
  const on = [...html.matchAll(/<span class="node on">([^<]*)<\/span>/g)].map((m) => m[1]);
  expect(on).toEqual(['training loss small', 'testing loss large', 'mismatch → understand how the test data were made']);
  expect([...html.matchAll(/class="node"/g)]).toHaveLength(6);
});

/** A classification run with a test set, its history a decaying loss. */
const classify = (label: string, role: RunSummary['role'], spec: string, train: number, extra: Partial<RunSummary> = {}): RunSummary => ({
  label,
  role,
  spec,
  optimizer: 'adam',
  learningRate: 0.01,
  parameters: 100,
  train,
  validation: train + 0.2,
  test: train + 0.1,
  trainAccuracy: 0.9,
  validationAccuracy: 0.85,
  testAccuracy: 0.8,
  diverged: false,
  epochs: 4,
  history: [1, 2, 3, 4].map((epoch) => ({ epoch, trainLoss: train + 1 / epoch, validationLoss: train + 0.2 + 1 / epoch })),
  ...extra,
});

const user = classify('your model', 'user', 'mlp:64x64:relu', 0.3, { trainAccuracy: 0.917, validationAccuracy: 0.833, testAccuracy: 0.781 });
const others = [
  classify('shallower mlp:32:relu with a long label that Vega-Lite would cut off', 'shallower', 'mlp:32:relu', 0.35),
  classify('wider mlp:128x128:relu', 'wider', 'mlp:128x128:relu', 0.28),
  classify('early stopping', 'early-stopping', 'mlp:64x64:relu', 0.4),
];
const diagnosis = {
  verdict: 'healthy',
  losses: { baseline: 1.09, train: user.train, validation: user.validation, test: user.test },
  evidence: [],
  remedies: ['Nothing to fix.'],
  path: ['training-loss-small', 'testing-loss-small', 'healthy'],
  task: 'classification',
  model: user.spec,
  lossName: 'cross-entropy',
  units: 'nats',
  budget: 'quick',
  thresholds: defaultThresholds,
  rows: { train: 240, validation: 60, test: 100 },
  measurements: {
    task: 'classification',
    lossName: 'cross-entropy',
    baseline: { train: 1.09, validation: 1.09, test: 1.09 },
    user,
    others,
    learningCurve: [60, 120, 240].map((size, i) => ({ size, train: 0.3 - 0.01 * i, validation: 0.6 - 0.05 * i, test: 0.5 - 0.05 * i })),
  },
  checks: { ran: [], skipped: [] },
  warnings: [],
  seconds: 1,
} as unknown as Diagnosis;

const svgsOf = (html: string): string[] => [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);

/** Every mark's colour per role across all charts, from the `series: …`/`group: …` of its aria-label. */
function roleColors(svgs: readonly string[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const svg of svgs) {
    for (const m of svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="(?:point|bar|line mark)"[^>]*?(?:fill|stroke)="(#[0-9a-f]{6})"/g)) {
      const name = /(?:series|group): ([^;]*)/.exec(m[1] ?? '')?.[1]?.replace(/^your model: /, '');
      if (name === undefined) continue;
      if (!found.has(name)) found.set(name, new Set());
      found.get(name)!.add(m[2]!);
    }
  }
  return found;
}

describe('diagnosisReport', () => {
  it('shows your model in its own chart and each comparison run in a small chart, labels whole', async () => {
    const html = await diagnosisReport(diagnosis);
    const svgs = svgsOf(html);
    expect(html).toContain('Your model (mlp:64x64:relu, adam): loss per epoch');
    for (const r of others) expect(html).toContain(`>${r.label.includes(r.spec) ? r.label : `${r.label}: ${r.spec}`} — adam</text>`);
    // Whole run names on the final-loss bars, and no label cut with an ellipsis anywhere.
    expect(html).toContain('>shallower mlp:32:relu with a long label that Vega-Lite would cut off</text>');
    expect(html).toContain('>early stopping: mlp:64x64:relu</text>');
    for (const svg of svgs) expect(svg).not.toContain('…');
  });

  it('gives train, validation and test one colour each across every chart', async () => {
    const colors = roleColors(svgsOf(await diagnosisReport(diagnosis)));
    expect(colors.get('train')).toEqual(new Set([ROLE_COLORS.train]));
    expect(colors.get('validation')).toEqual(new Set([ROLE_COLORS.validation]));
    expect(colors.get('test')).toEqual(new Set([ROLE_COLORS.test]));
  });

  it('shows accuracy beside the loss for a classification diagnosis, in HTML and Markdown', async () => {
    const html = await diagnosisReport(diagnosis);
    expect(html).toContain('<tr><td>accuracy</td><td>—</td><td>91.7 %</td><td>83.3 %</td><td>78.1 %</td></tr>');
    expect(html).toContain("Title text 'Final accuracies'");
    expect(html).toMatch(/<th colspan="3">accuracy<\/th>/);
    const md = diagnosisMarkdown(diagnosis);
    expect(md).toContain('| train | 0.3 | 91.7 % |');
    expect(md).toContain('| test | 0.4 | 78.1 % |');
    expect(md).toContain('| your model | mlp:64x64:relu | adam | 0.3 | 0.5 | 0.4 | 91.7 % | 83.3 % | 78.1 % |');
  });

  it('says what failed beside the verdict, in HTML as in Markdown', async () => {
    const detail = 'optimization issue: vanishing gradients in layers 1–5 (ratio 0.002 < 0.03)';
    const html = await diagnosisReport({ ...diagnosis, verdict: 'optimization', detail });
    const top = html.slice(0, html.indexOf('class="node'));
    expect(top).toContain(`<p><strong>optimization issue: vanishing gradients in layers 1–5 (ratio 0.002 &lt; 0.03)</strong></p>`);
    expect(diagnosisMarkdown({ ...diagnosis, verdict: 'optimization', detail })).toContain(`**${detail}**`);
    expect(await diagnosisReport(diagnosis)).not.toContain('vanishing gradients');
  });

  it('leaves accuracy out for regression', async () => {
    const strip = (r: RunSummary): RunSummary => {
      const { trainAccuracy: _a, validationAccuracy: _b, testAccuracy: _c, ...rest } = r;
      return rest;
    };
    const regression = { ...diagnosis, measurements: { ...diagnosis.measurements, user: strip(user), others: others.map(strip) } } as Diagnosis;
    expect(await diagnosisReport(regression)).not.toContain('accuracy');
    expect(diagnosisMarkdown(regression)).not.toContain('accuracy');
  });
});

describe('spectrumCharts', () => {
  const hessian = {
    parameters: 500,
    loss: 0.3,
    gradientNorm: 1e-3,
    top: [9, 4, 2],
    bottom: [-0.5, -0.1, 0],
    minimumRatio: 0.7,
    kind: 'saddle-point',
    method: 'lanczos',
    minimumRatioMethod: 'slq',
    minimumRatioStandardError: 0.02,
    counts: { positive: 350, negative: 100, zero: 50 },
    zeroTolerance: 1e-4,
    gradientTolerance: 1e-3,
    reason: 'r',
    residuals: { top: [0, 0, 0], bottom: [0, 0, 0] },
    converged: true,
    hessianVectorProducts: 400,
    density: { eigenvalue: [-0.5, 0, 0.5, 9], count: [100, 300, 99, 1e-9] },
  } as unknown as NonNullable<Diagnosis['hessian']>;

  it('labels the extreme eigenvalues with their rank out of P and draws the SLQ bulk', async () => {
    const specs = spectrumCharts(hessian);
    expect(specs).toHaveLength(2);
    const bars = await renderSvg(specs[0]!);
    for (const label of ['λ1 of 500 (smallest)', 'λ2 of 500 (smallest)', 'λ3 of 500 (smallest)', 'λ498 of 500 (largest)', 'λ499 of 500 (largest)', 'λ500 of 500 (largest)']) {
      expect(bars).toContain(`>${label}</text>`);
    }
    expect(bars).toContain("Title text 'Extreme eigenvalues by rank (ranks 4–497 not computed one by one)'");
    // The largest eigenvalue is λ500: the top list is descending, ranks count from the bottom.
    expect(bars).toMatch(/aria-label="eigenvalue: 9; rank out of P: λ500 of 500 \(largest\)"/);
    const density = await renderSvg(specs[1]!);
    expect(density).toContain("Title text 'Eigenvalue density of all 500 (stochastic Lanczos quadrature)'");
    // The far tail (1e-9 of the peak) is left out of the log axis; the rest is one line.
    expect(JSON.stringify(specs[1])).toContain('"values":[{"series":"eigenvalues per unit λ","x":-0.5,"y":100,"order":0},{"series":"eigenvalues per unit λ","x":0,"y":300,"order":1},{"series":"eigenvalues per unit λ","x":0.5,"y":99,"order":2}]');
    expect(density.split('aria-roledescription="line mark"').length - 1).toBe(1);
    for (const mark of ['0', 'λ1', 'λ500']) expect(density).toContain(`>${mark}</text>`);
  });

  it('with every eigenvalue, labels each bar with its rank out of P and draws no density', () => {
    const specs = spectrumCharts({ ...hessian, parameters: 3, eigenvalues: [2, -1, 0.5], top: [2], bottom: [-1], method: 'full' } as NonNullable<Diagnosis['hessian']>);
    expect(specs).toHaveLength(1);
    expect(JSON.stringify(specs[0])).toContain('"values":[{"label":"λ1 of 3","value":-1},{"label":"λ2 of 3","value":0.5},{"label":"λ3 of 3","value":2}]');
  });
});
