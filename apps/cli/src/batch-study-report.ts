/**
 * The batch-study report: the lecture's small-vs-large batch table filled in from the
 * measurements, every batch size's loss curves, time per update and per epoch, final losses
 * (and accuracies), and the sharpness of each final θ when measured.
 */
import type { BatchRun } from '@losslens/optim';
import { barChart, escapeHtml, htmlPage, htmlTable, lineChart, renderSvg, type PageSection } from '@losslens/plot';

const num = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const sizeName = (r: BatchRun): string => (r.requested === 'full' ? `full (${r.batchSize})` : String(r.batchSize));

/** One row of the lecture's table: what the lecture says, what was measured, and whether they agree. */
export interface LectureRow {
  quantity: string;
  lecture: { small: string; large: string };
  measured: { small: string; large: string };
  /** The measured comparison in words, e.g. "an epoch takes 0.12× as long". */
  reading: string;
  /** Whether the measurements show what the lecture says; undefined where it depends on the hardware or was not measured. */
  agrees?: boolean;
}

/**
 * The lecture's small-vs-large batch table (LECTURE.md §3) from the smallest and the largest
 * batch size of the study: time per update and per epoch, optimization (final training loss),
 * generalization (validation loss, and accuracy when measured), and sharpness when measured.
 * Empty with fewer than two batch sizes.
 * @example
 * lectureTable(result.runs).map((r) => `${r.quantity}: ${r.reading}`);
 */
export function lectureTable(runs: readonly BatchRun[]): LectureRow[] {
  if (runs.length < 2) return [];
  const sorted = [...runs].sort((a, b) => a.batchSize - b.batchSize);
  const small = sorted[0]!;
  const large = sorted[sorted.length - 1]!;
  // "3.2× as long" / "113× faster": the large batch's time over the small one's, in words.
  const times = (a: number, b: number) => (b >= a ? `takes ${Number((b / a).toPrecision(3))}× as long as` : `is ${Number((a / b).toPrecision(3))}× faster than`);
  const ratio = (a: number, b: number) => `${Number((b / a).toPrecision(3))}×`;
  const rows: LectureRow[] = [
    {
      quantity: 'time per update (ms)',
      lecture: { small: 'same with parallelism (faster without)', large: 'same unless very large (slower without)' },
      measured: { small: num(small.msPerUpdate), large: num(large.msPerUpdate) },
      reading: `an update at ${sizeName(large)} ${times(small.msPerUpdate, large.msPerUpdate)} at ${sizeName(small)}`,
    },
    {
      quantity: 'time per epoch (ms)',
      lecture: { small: 'slower', large: 'faster' },
      measured: { small: num(small.msPerEpoch), large: num(large.msPerEpoch) },
      reading: `an epoch at ${sizeName(large)} ${times(small.msPerEpoch, large.msPerEpoch)} at ${sizeName(small)} (${large.updatesPerEpoch} vs ${small.updatesPerEpoch} updates)`,
      agrees: large.msPerEpoch < small.msPerEpoch,
    },
    {
      quantity: 'optimization (final training loss)',
      lecture: { small: 'better', large: 'worse' },
      measured: { small: num(small.train.loss), large: num(large.train.loss) },
      reading: small.train.loss < large.train.loss ? 'the small batch trains lower' : 'the large batch trains as low or lower',
      agrees: small.train.loss < large.train.loss,
    },
  ];
  if (small.validation !== undefined && large.validation !== undefined) {
    const gap = (r: BatchRun) => (r.validation?.loss ?? Number.NaN) - r.train.loss;
    rows.push({
      quantity: 'generalization (validation loss; gap to train)',
      lecture: { small: 'better', large: 'worse' },
      measured: { small: `${num(small.validation.loss)}; gap ${num(gap(small))}`, large: `${num(large.validation.loss)}; gap ${num(gap(large))}` },
      reading: small.validation.loss < large.validation.loss ? 'the small batch validates lower' : 'the large batch validates as low or lower',
      agrees: small.validation.loss < large.validation.loss,
    });
    const sa = small.validation.accuracy;
    const la = large.validation.accuracy;
    if (sa !== undefined && la !== undefined) {
      rows.push({
        quantity: 'generalization (validation accuracy)',
        lecture: { small: 'better', large: 'worse' },
        measured: { small: `${(100 * sa).toFixed(1)} %`, large: `${(100 * la).toFixed(1)} %` },
        reading: sa > la ? 'the small batch is more accurate on held-out rows' : 'the large batch is as accurate or more',
        agrees: sa > la,
      });
    }
  }
  if (small.sharpness !== undefined && large.sharpness !== undefined) {
    const s = small.sharpness;
    const l = large.sharpness;
    rows.push({
      quantity: 'sharpness (top Hessian eigenvalue; Keskar ε-sharpness)',
      lecture: { small: 'flat minimum', large: 'sharp minimum' },
      measured: { small: `${num(s.topEigenvalue)}; ${num(s.keskar)}`, large: `${num(l.topEigenvalue)}; ${num(l.keskar)}` },
      reading: l.topEigenvalue > s.topEigenvalue ? `the large batch ends ${ratio(s.topEigenvalue, l.topEigenvalue)} sharper (top eigenvalue)` : 'the large batch ends as flat or flatter (top eigenvalue)',
      agrees: l.topEigenvalue > s.topEigenvalue,
    });
  }
  return rows;
}

/** Dark for the smallest batch to light for the largest (magma), the same in every chart. */
const BATCH_COLORS = ['#1c1044', '#51127c', '#832681', '#b73779', '#e75263', '#fc8961', '#fec488'];
const batchColor = (i: number, n: number): string => BATCH_COLORS[n <= 1 ? 0 : Math.round((i * (BATCH_COLORS.length - 1)) / (n - 1))] as string;

/** Loss per epoch, one line per batch size (the same colour for a batch size in every chart). */
function curves(runs: readonly BatchRun[], part: 'trainLoss' | 'validationLoss', title: string) {
  return lineChart({
    title,
    series: [...runs].sort((a, b) => a.batchSize - b.batchSize).map((r, i, all) => ({
      name: `batch ${sizeName(r)}`,
      color: batchColor(i, all.length),
      points: r.history.filter((h) => h[part] !== undefined).map((h) => [h.epoch, h[part]!] as const),
    })),
    x: { title: 'epoch', integer: true },
    y: { title: 'loss' },
    width: 330,
    height: 220,
  });
}

/** A chart per batch size of one measured value. */
function byBatch(runs: readonly BatchRun[], title: string, yTitle: string, value: (r: BatchRun) => number | undefined, scale: 'linear' | 'log' = 'linear') {
  return barChart({
    title,
    bars: runs.flatMap((r) => {
      const v = value(r);
      return v === undefined ? [] : [{ label: sizeName(r), value: v }];
    }),
    x: { title: 'batch size' },
    y: { title: yTitle, scale },
    width: 300,
    height: 180,
  });
}

const row = (items: string[]) => `<div style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start">${items.map((s) => `<div>${s}</div>`).join('')}</div>`;

/**
 * The self-contained HTML report of a batch study.
 * @example
 * await writeFile('batch.html', await batchStudyReport(result.runs, 'mlp:128:relu on mnist, 5 epochs, sgd'));
 */
export async function batchStudyReport(runs: readonly BatchRun[], subtitle: string): Promise<string> {
  const sections: PageSection[] = [];
  const table = lectureTable(runs);
  const sorted = [...runs].sort((a, b) => a.batchSize - b.batchSize);
  const mark = (a: boolean | undefined) => (a === undefined ? '—' : a ? 'yes' : 'no');
  if (table.length > 0) {
    sections.push({
      heading: `Small (${sizeName(sorted[0]!)}) vs large (${sizeName(sorted[sorted.length - 1]!)}) batch, as in the lecture`,
      html:
        `<p>${escapeHtml(subtitle)}</p>` +
        htmlTable({
          header: ['', 'lecture: small', 'lecture: large', 'measured: small', 'measured: large', 'what the measurements say', 'as the lecture says?'],
          rows: table.map((r) => [r.quantity, r.lecture.small, r.lecture.large, r.measured.small, r.measured.large, r.reading, mark(r.agrees)]),
        }) +
        '<p><small>Time per update depends on the hardware’s parallelism, so it is not judged. The lecture’s generalization claim is at equal training loss: where the small batch also trains lower, compare the gaps. One seed per batch size: a small difference in loss can be noise.</small></p>',
    });
  }
  const hasValidation = runs.some((r) => r.history.some((h) => h.validationLoss !== undefined));
  if (runs.some((r) => r.history.length > 0)) {
    sections.push({
      heading: 'Loss curves',
      html: row([
        await renderSvg(curves(runs, 'trainLoss', 'Training loss per epoch (mean over its batches)')),
        ...(hasValidation ? [await renderSvg(curves(runs, 'validationLoss', 'Validation loss per epoch'))] : []),
      ]),
    });
  }
  sections.push({
    heading: 'Time',
    html: row([
      await renderSvg(byBatch(runs, 'Time per update', 'ms per update', (r) => r.msPerUpdate)),
      await renderSvg(byBatch(runs, 'Time per epoch', 'ms per epoch', (r) => r.msPerEpoch)),
    ]),
  });
  const accuracy = runs.some((r) => r.train.accuracy !== undefined);
  const finals = (what: 'loss' | 'accuracy') =>
    barChart({
      title: what === 'loss' ? 'Final loss' : 'Final accuracy',
      bars: runs.flatMap((r) => [
        { label: sizeName(r), value: r.train[what] ?? Number.NaN, group: 'train' },
        ...(r.validation !== undefined ? [{ label: sizeName(r), value: r.validation[what] ?? Number.NaN, group: 'validation' }] : []),
      ]),
      x: { title: 'batch size' },
      y: what === 'loss' ? { title: 'loss' } : { title: 'accuracy', domain: [0, 1] },
      width: 300,
      height: 180,
    });
  sections.push({
    heading: 'Optimization and generalization',
    html: row([await renderSvg(finals('loss')), ...(accuracy ? [await renderSvg(finals('accuracy'))] : [])]),
  });
  if (runs.some((r) => r.sharpness !== undefined)) {
    sections.push({
      heading: 'Sharpness of the final θ',
      html:
        '<p>Top Hessian eigenvalue (Lanczos) and Keskar et al.’s ε-sharpness: the largest rise of the training loss in a box of size ε around θ, in percent of 1 + L(θ). Larger is sharper.</p>' +
        row([
          await renderSvg(byBatch(runs, 'Top Hessian eigenvalue', 'λ_max', (r) => r.sharpness?.topEigenvalue)),
          await renderSvg(byBatch(runs, 'Keskar ε-sharpness', 'φ (%)', (r) => r.sharpness?.keskar)),
        ]),
    });
  }
  sections.push({
    heading: 'Every batch size',
    html: htmlTable({
      header: ['batch size', 'lr', 'updates / epoch', 'ms / update', 'ms / epoch', 'train loss', 'train acc', 'val loss', 'val acc', 'top λ', 'Keskar %', 'epochs'],
      rows: runs.map((r) => [
        sizeName(r),
        num(r.learningRate),
        String(r.updatesPerEpoch),
        r.msPerUpdate.toFixed(2),
        r.msPerEpoch.toFixed(0),
        num(r.train.loss),
        num(r.train.accuracy),
        num(r.validation?.loss),
        num(r.validation?.accuracy),
        num(r.sharpness?.topEigenvalue),
        num(r.sharpness?.keskar),
        `${r.epochs}${r.stopReason === 'completed' ? '' : ` (${r.stopReason})`}`,
      ]),
      numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    }),
  });
  return htmlPage({ title: 'losslens batch study', sections });
}
