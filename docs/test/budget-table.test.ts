/**
 * The budget table in docs/guide/diagnose.md cannot drift from `budgets` in @losslens/diagnose.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { budgets, type Budget } from '@losslens/diagnose';

const guide = readFileSync(fileURLToPath(new URL('../guide/diagnose.md', import.meta.url)), 'utf8');
const number = (cell: string) => Number(cell.replace(/[^0-9.]/g, ''));

/** The guide's row for a budget: `| \`quick\` | 30 | 1,500 | 2 | 0.25, 1 | 400 parameters | 256 |`. */
function row(budget: Budget): string[] {
  const line = guide.split('\n').find((l) => l.startsWith(`| \`${budget}\``));
  if (line === undefined) throw new Error(`docs/guide/diagnose.md has no budget row for ${budget}`);
  return line.split('|').slice(2, -1).map((c) => c.trim());
}

describe('the guide\'s budget table', () => {
  it.each(Object.keys(budgets) as Budget[])('matches budgets.%s', (budget) => {
    const plan = budgets[budget];
    const [epochs, maxUpdates, relatives, fractions, hessian, rows] = row(budget);
    expect(number(epochs!)).toBe(plan.epochs);
    expect(number(maxUpdates!)).toBe(plan.maxUpdates);
    expect(number(relatives!)).toBe(plan.relatives);
    expect(fractions!.split(',').map(Number)).toEqual([...plan.learningCurve]);
    expect(number(hessian!)).toBe(plan.fullHessianLimit);
    expect(number(rows!)).toBe(plan.curvatureRows);
  });
});
