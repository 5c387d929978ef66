/**
 * A plain HTML table from a header and rows of text, for the tables beside a report's charts.
 */
import { escapeHtml } from './html-page.js';

/** Options of {@link htmlTable}. */
export interface HtmlTableOptions {
  /** Column titles, plain text (escaped). */
  header: readonly string[];
  /** One array of cells per row, plain text (escaped); a short row is padded with empty cells. */
  rows: readonly (readonly string[])[];
  /** Columns (by index) whose cells are right-aligned, e.g. numbers. */
  numeric?: readonly number[];
  /** A caption above the table, plain text (escaped). */
  caption?: string;
}

/**
 * An HTML `<table>` with a header row; every cell is escaped, numeric columns right-aligned.
 * @example
 * htmlTable({ header: ['batch size', 'ms/update'], rows: [['16', '0.41']], numeric: [1] });
 * // '<table><thead><tr><th>batch size</th><th style="text-align:right">ms/update</th></tr></thead><tbody>…'
 */
export function htmlTable(options: HtmlTableOptions): string {
  const numeric = new Set(options.numeric ?? []);
  const align = (i: number) => (numeric.has(i) ? ' style="text-align:right"' : '');
  const head = options.header.map((h, i) => `<th${align(i)}>${escapeHtml(h)}</th>`).join('');
  const body = options.rows
    .map((row) => `<tr>${options.header.map((_, i) => `<td${align(i)}>${escapeHtml(row[i] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  const caption = options.caption === undefined ? '' : `<caption>${escapeHtml(options.caption)}</caption>`;
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
