import { describe, expect, it } from 'vitest';
import { treeHtml } from './report.js';

it('highlights exactly the nodes on the verdict path', () => {
  const html = treeHtml(['training-loss-small', 'testing-loss-large', 'mismatch']);
  const on = [...html.matchAll(/<span class="node on">([^<]*)<\/span>/g)].map((m) => m[1]);
  expect(on).toEqual(['training loss small', 'testing loss large', 'mismatch → understand how the test data were made']);
  expect([...html.matchAll(/class="node"/g)]).toHaveLength(6);
});

import { ROLE_COLORS } from '@losslens/plot';
import { defaultThresholds } from './thresholds.js';
import type { Diagnosis } from './diagnose.js';
import { diagnosisMarkdown } from './markdown.js';
import { diagnosisReport } from './report.js';
import type { RunSummary } from './measurements.js';

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
