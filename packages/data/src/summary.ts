import type { Dataset, Task } from '@losslens/core';
import { featureSize } from './subset.js';

/** One column of a dataset summary. */
export interface ColumnSummary {
  readonly name: string;
  readonly role: 'feature' | 'target';
  /** `integer` when every value is a whole number, `real` otherwise, `class` for a classification target. */
  readonly type: 'integer' | 'real' | 'class';
  /** Numeric columns only: smallest, mean, largest value and population std. */
  readonly min?: number;
  readonly mean?: number;
  readonly max?: number;
  readonly std?: number;
  /** Class targets only: the number of classes. */
  readonly classes?: number;
}

/** Rows per class of a classification target. */
export interface ClassCount {
  readonly name: string;
  readonly count: number;
  /** `count / rows`. */
  readonly fraction: number;
}

/** What `losslens data inspect` prints: schema, task, class balance and rows. */
export interface DatasetSummary {
  readonly name: string;
  readonly origin: string;
  readonly task: Task;
  readonly rows: number;
  readonly featureShape: readonly number[];
  /**
   * Feature columns, then the target. With more than `maxColumns` features (images), one row
   * named like `784 features` summarizes all feature values together.
   */
  readonly columns: readonly ColumnSummary[];
  readonly classBalance?: readonly ClassCount[];
}

/**
 * Summarizes a dataset's schema and contents: per-column type and min/mean/max/std, the task,
 * the class balance (classification) and the row count.
 * @example
 * summarizeDataset(iris).classBalance; // [{ name: 'setosa', count: 50, fraction: 1/3 }, …]
 */
export function summarizeDataset(ds: Dataset, options: { maxColumns?: number } = {}): DatasetSummary {
  const d = featureSize(ds);
  const maxColumns = options.maxColumns ?? 50;
  const columns: ColumnSummary[] = [];
  if (d <= maxColumns) {
    for (let j = 0; j < d; j++) {
      columns.push({ name: ds.featureNames[j] ?? `x${j + 1}`, role: 'feature', ...numericSummary(ds.features, j, d, ds.n) });
    }
  } else {
    columns.push({ name: `${d} features`, role: 'feature', ...numericSummary(ds.features, 0, 1, ds.n * d) });
  }
  if (ds.task === 'regression') {
    for (let k = 0; k < ds.outputs; k++) {
      const name = ds.outputs === 1 ? ds.targetName : `${ds.targetName}[${k}]`;
      columns.push({ name, role: 'target', ...numericSummary(ds.targets, k, ds.outputs, ds.n) });
    }
    return { name: ds.name, origin: ds.origin, task: ds.task, rows: ds.n, featureShape: ds.featureShape, columns };
  }
  columns.push({ name: ds.targetName, role: 'target', type: 'class', classes: ds.outputs });
  const counts = new Array<number>(ds.outputs).fill(0);
  for (let i = 0; i < ds.n; i++) {
    const c = ds.targets[i] as number;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const classBalance = counts.map((count, c) => ({ name: ds.classNames?.[c] ?? String(c), count, fraction: count / ds.n }));
  return { name: ds.name, origin: ds.origin, task: ds.task, rows: ds.n, featureShape: ds.featureShape, columns, classBalance };
}

/**
 * Renders a {@link DatasetSummary} as plain text: a header line, a column table and the class balance.
 * @example
 * console.log(formatDatasetSummary(summarizeDataset(ds)));
 */
export function formatDatasetSummary(summary: DatasetSummary): string {
  const lines: string[] = [];
  lines.push(`${summary.name}: ${summary.rows} rows, task ${summary.task}`);
  lines.push(`origin: ${summary.origin}`);
  lines.push(`feature shape: [${summary.featureShape.join(', ')}]`);
  lines.push('');
  const table = [
    ['column', 'role', 'type', 'min', 'mean', 'max', 'std'],
    ...summary.columns.map((c) => [
      c.name,
      c.role,
      c.type === 'class' ? `class (${c.classes})` : c.type,
      formatNumber(c.min),
      formatNumber(c.mean),
      formatNumber(c.max),
      formatNumber(c.std),
    ]),
  ];
  const widths = table[0]!.map((_, k) => Math.max(...table.map((row) => (row[k] as string).length)));
  for (const row of table) lines.push(row.map((cell, k) => cell.padEnd(widths[k] as number)).join('  ').trimEnd());
  if (summary.classBalance !== undefined) {
    lines.push('');
    lines.push('class balance:');
    const nameWidth = Math.max(...summary.classBalance.map((c) => c.name.length));
    const countWidth = Math.max(...summary.classBalance.map((c) => String(c.count).length));
    for (const c of summary.classBalance) {
      lines.push(`  ${c.name.padEnd(nameWidth)}  ${String(c.count).padStart(countWidth)}  ${(100 * c.fraction).toFixed(1).padStart(5)}%`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function numericSummary(values: Float32Array, offset: number, stride: number, count: number) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let integer = true;
  for (let i = 0; i < count; i++) {
    const v = values[offset + i * stride] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (integer && !Number.isInteger(v)) integer = false;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((values[offset + i * stride] as number) - mean) ** 2;
  return { type: integer ? ('integer' as const) : ('real' as const), min, mean, max, std: Math.sqrt(squares / count) };
}

function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}
