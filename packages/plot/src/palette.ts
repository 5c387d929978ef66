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
 * The colour of each series: its own `color`, else its role's, else the role's whose name it
 * bears (a series named "validation" is a validation series), else the next free colour.
 * @example
 * seriesColors([{ role: 'train' }, { name: 'validation' }, {}]); // ['#4c78a8', '#f58518', '#e45756']
 */
export function seriesColors(series: readonly { name?: string; role?: Role; color?: string }[]): string[] {
  let next = 0;
  const roleOf = (s: { name?: string; role?: Role }): Role | undefined => s.role ?? (s.name !== undefined && Object.hasOwn(ROLE_COLORS, s.name) ? (s.name as Role) : undefined);
  return series.map((s) => {
    if (s.color !== undefined) return s.color;
    const role = roleOf(s);
    return role !== undefined ? ROLE_COLORS[role] : (OTHER_COLORS[next++ % OTHER_COLORS.length] as string);
  });
}
