/**
 * The charts and tables of the diagnosis report: your model's curves on their own, each
 * comparison run as a small chart beside your model's faded curves, final losses and accuracies
 * as horizontal bars with whole labels, and the Hessian spectrum with ranks out of P. Every
 * chart colours a role (train, validation, test) with `ROLE_COLORS`.
 */
import type { HessianReport } from '@losslens/critical';
import { barChart, escapeHtml, histogramChart, lineChart, type Bar, type ChartSpec, type LineSeries } from '@losslens/plot';
import type { RunSummary } from './measurements.js';

const num = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const percent = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)} %`);

/**
 * A run's name as the report writes it: its label, with the model spec when the label lacks it.
 * @example
 * runName({ label: 'momentum SGD', spec: 'linear', … }); // 'momentum SGD: linear'
 */
export function runName(r: Pick<RunSummary, 'label' | 'spec'>): string {
  return r.label.includes(r.spec) ? r.label : `${r.label}: ${r.spec}`;
}

/** Train and validation loss per epoch of one run, as line series in the role colours. */
function curveSeries(r: RunSummary, prefix: string, faded: boolean): LineSeries[] {
  const validation = r.history.filter((h) => h.validationLoss !== undefined);
  return [
    { name: `${prefix}train`, role: 'train', faded, dashed: faded, points: r.history.map((h) => [h.epoch, h.trainLoss] as const) },
    ...(validation.length > 0
      ? [{ name: `${prefix}validation`, role: 'validation' as const, faded, dashed: faded, points: validation.map((h) => [h.epoch, h.validationLoss!] as const) }]
      : []),
  ];
}

/**
 * Your model's train and validation loss per epoch, alone and bold, with its final test loss
 * as a dashed level.
 * @example
 * const svg = await renderSvg(yourModelCurves(diagnosis.measurements.user, 'crossentropy'));
 */
export function yourModelCurves(user: RunSummary, lossName: string): ChartSpec {
  const epochs = user.history.map((h) => h.epoch);
  // The test loss is measured once, at the end: a dashed level across the epochs to compare with.
  const test: LineSeries[] =
    user.test !== undefined && epochs.length > 0
      ? [{ name: `test (at the end): ${num(user.test)}`, role: 'test', dashed: true, points: [[Math.min(...epochs), user.test], [Math.max(...epochs), user.test]] }]
      : [];
  return lineChart({
    title: `Your model (${user.spec}, ${user.optimizer}): loss per epoch`,
    series: [...curveSeries(user, '', false), ...test],
    x: { title: 'epoch', integer: true },
    y: { title: lossName, scale: 'log' },
    width: 640,
  });
}

/**
 * One small chart per comparison run: its train and validation loss, with your model's faded
 * and dashed behind them, on the same axes as every other small chart.
 * @example
 * const svgs = await Promise.all(comparisonCurves(user, others, 'mse').map(renderSvg));
 */
export function comparisonCurves(user: RunSummary, others: readonly RunSummary[], lossName: string): ChartSpec[] {
  const all = [user, ...others].flatMap((r) => r.history.flatMap((h) => [h.trainLoss, h.validationLoss ?? Number.NaN]));
  const finite = all.filter((v) => Number.isFinite(v) && v > 0);
  const domain = finite.length > 0 ? ([Math.min(...finite), Math.max(...finite)] as const) : undefined;
  return others.map((r) =>
    lineChart({
      title: `${runName(r)}${r.diverged ? ' (diverged)' : ''} — ${r.optimizer}`,
      series: [...curveSeries(r, '', false), ...curveSeries(user, 'your model: ', true)],
      x: { title: 'epoch', integer: true },
      y: { title: lossName, scale: 'log', ...(domain === undefined ? {} : { domain }) },
      width: 340,
      height: 150,
      legend: false,
    }),
  );
}

/**
 * Final train/validation/test values of every run as horizontal bars, one row per run with its
 * whole name, bars coloured by role.
 * @example
 * const spec = finalBars(runs, 'loss', 'crossentropy');
 */
export function finalBars(runs: readonly RunSummary[], what: 'loss' | 'accuracy', title: string): ChartSpec {
  const pick = (r: RunSummary, part: 'train' | 'validation' | 'test') =>
    what === 'loss' ? r[part] : part === 'train' ? r.trainAccuracy : part === 'validation' ? r.validationAccuracy : r.testAccuracy;
  const bars: Bar[] = runs.flatMap((r) =>
    (['train', 'validation', 'test'] as const).flatMap((part) => {
      const value = pick(r, part);
      return value === undefined ? [] : [{ label: runName(r), value, group: part }];
    }),
  );
  return barChart({
    title: what === 'loss' ? `Final losses (${title})` : 'Final accuracies',
    bars,
    orientation: 'horizontal',
    x: { title: 'run' },
    y: what === 'loss' ? { title } : { title: 'accuracy', domain: [0, 1] },
    width: 360,
  });
}

/** Whether any run measured an accuracy (classification). */
export function hasAccuracy(runs: readonly RunSummary[]): boolean {
  return runs.some((r) => r.trainAccuracy !== undefined || r.validationAccuracy !== undefined);
}

/**
 * Every run's final losses, and accuracies for classification, as an HTML table (your model first).
 * @example
 * runsTableHtml([user, ...others], 'crossentropy');
 */
export function runsTableHtml(runs: readonly RunSummary[], lossName: string): string {
  const accuracy = hasAccuracy(runs);
  const parts = '<th>train</th><th>validation</th><th>test</th>';
  const head =
    `<tr><th rowspan="2">run</th><th rowspan="2">optimizer</th><th colspan="3">loss (${escapeHtml(lossName)})</th>${accuracy ? '<th colspan="3">accuracy</th>' : ''}</tr>` +
    `<tr>${parts}${accuracy ? parts : ''}</tr>`;
  const rows = runs.map((r, i) => {
    const cells = [
      `${i === 0 ? '<strong>' : ''}${escapeHtml(runName(r))}${r.diverged ? ' (diverged)' : ''}${i === 0 ? '</strong>' : ''}`,
      escapeHtml(r.optimizer),
      num(r.train),
      num(r.validation),
      num(r.test),
      ...(accuracy ? [percent(r.trainAccuracy), percent(r.validationAccuracy), percent(r.testAccuracy)] : []),
    ];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `<table class="runs">${head}${rows.join('')}</table>`;
}

/**
 * The Hessian spectrum: with every eigenvalue, a histogram (or, for a few, bars labelled λ_i of P);
 * with Lanczos' extremes only, bars labelled with their rank out of P (λ1…λk at the bottom,
 * λ(P−k+1)…λP at the top), then the SLQ density of the whole spectrum (the bulk near zero
 * between the extremes) when it was estimated.
 * @example
 * const specs = spectrumCharts(diagnosis.hessian);
 */
export function spectrumCharts(h: HessianReport): ChartSpec[] {
  const p = h.parameters;
  if (h.eigenvalues !== undefined) {
    const values = h.eigenvalues;
    return [
      values.length <= 40
        ? barChart({
            title: `All ${p} eigenvalues, ascending`,
            bars: [...values].sort((a, b) => a - b).map((v, i) => ({ label: `λ${i + 1} of ${p}`, value: v })),
            orientation: 'horizontal',
            x: { title: 'rank' },
            y: { title: 'eigenvalue' },
            width: 480,
          })
        : histogramChart({ title: `All ${p} eigenvalues`, values, x: { title: 'eigenvalue' }, marks: [{ x: 0, label: '0' }] }),
    ];
  }
  const bottom = [...h.bottom].sort((a, b) => a - b).map((v, i) => ({ label: `λ${i + 1} of ${p} (smallest)`, value: v }));
  // With 2k > P the two ends overlap: each rank is drawn once.
  const sortedTop = [...h.top].sort((a, b) => a - b);
  const top = sortedTop.slice(Math.max(0, sortedTop.length - (p - bottom.length))).map((v, i, all) => ({ label: `λ${p - all.length + 1 + i} of ${p} (largest)`, value: v }));
  const gap = p - bottom.length - top.length;
  const charts: ChartSpec[] = [
    barChart({
      title: `Extreme eigenvalues by rank${gap > 0 ? ` (ranks ${bottom.length + 1}–${p - top.length} not computed one by one)` : ''}`,
      bars: [...bottom, ...top],
      orientation: 'horizontal',
      x: { title: 'rank out of P' },
      y: { title: 'eigenvalue' },
      width: 480,
    }),
  ];
  if (h.density !== undefined && h.density.count.length > 1) {
    const peak = Math.max(...h.density.count);
    // A log axis shows the thin tails beside the bulk; the Gaussian tails far below are left out.
    const points = h.density.eigenvalue.map((x, i) => [x, h.density!.count[i] as number] as const).filter(([, c]) => c >= 1e-3 * peak);
    const smallest = bottom[0]?.value;
    const largest = top.at(-1)?.value;
    const span = (largest ?? 0) - (smallest ?? 0);
    // The zero rule only where its label does not sit on λ1's or λP's.
    const zeroApart = [smallest, largest].every((v) => v === undefined || Math.abs(v) > 0.08 * span);
    charts.push(
      lineChart({
        title: `Eigenvalue density of all ${p} (stochastic Lanczos quadrature)`,
        series: [{ name: 'eigenvalues per unit λ', color: '#4c4c4c', points }],
        x: { title: 'eigenvalue' },
        y: { title: 'eigenvalues per unit λ', scale: 'log' },
        marks: [
          ...(zeroApart ? [{ x: 0, label: '0' }] : []),
          ...(smallest !== undefined ? [{ x: smallest, label: 'λ1' }] : []),
          ...(largest !== undefined ? [{ x: largest, label: `λ${p}` }] : []),
        ],
        width: 480,
        height: 200,
        legend: false,
        points: false,
      }),
    );
  }
  return charts;
}
