/**
 * One colour per role, shared by every chart of every report: train is always blue,
 * validation orange, test green; your model is drawn dark and bold, its relatives grey.
 */

/** The roles a report's series can play. */
export type Role = 'train' | 'validation' | 'test' | 'baseline' | 'your model' | 'relative';

/**
 * The colour of each role (Tableau-10 hues for the data parts, so adjacent charts agree).
 * @example
 * lineChart({ title: 't', series: [{ name: 'train', role: 'train', points }], x, y });
 */
export const ROLE_COLORS: Readonly<Record<Role, string>> = Object.freeze({
  train: '#4c78a8',
  validation: '#f58518',
  test: '#54a24b',
  baseline: '#b279a2',
  'your model': '#222222',
  relative: '#9d9d9d',
});

/** Colours for series that have no role (Tableau-10 minus the role hues above). */
export const OTHER_COLORS: readonly string[] = Object.freeze(['#e45756', '#72b7b2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac', '#79706e']);

/**
 * The colour of a series: its role's colour when it has a role, else the next free colour.
 * @example
 * seriesColors([{ role: 'train' }, {}]); // ['#4c78a8', '#e45756']
 */
export function seriesColors(series: readonly { role?: Role; color?: string }[]): string[] {
  let next = 0;
  return series.map((s) => s.color ?? (s.role !== undefined ? ROLE_COLORS[s.role] : (OTHER_COLORS[next++ % OTHER_COLORS.length] as string)));
}
