/**
 * Shared helpers of the @losslens/critical benchmarks: flags, timing, a table printer.
 */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

/** Median wall time of `work` in ms over `repeats` runs, after `warmup` untimed runs. */
export function medianMs(work: () => unknown, repeats: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * Median wall times of several workloads measured in alternation (a, b, a, b, …), so a change
 * in machine load affects all of them alike. Returns one median per workload, in ms.
 */
export function interleavedMedians(workloads: readonly (() => unknown)[], repeats: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) for (const work of workloads) work();
  const times = workloads.map(() => [] as number[]);
  for (let r = 0; r < repeats; r++) {
    workloads.forEach((work, k) => {
      const start = performance.now();
      work();
      times[k]?.push(performance.now() - start);
    });
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return t[Math.floor(t.length / 2)] as number;
  });
}

/** Prints rows as an aligned table, then the JSON of `result`. */
export function report(title: string, rows: Record<string, string | number>[], result: unknown): void {
  const keys = Object.keys(rows[0] ?? {});
  const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : v);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k] ?? '').length)));
  console.log(`\n${title}`);
  console.log(keys.map((k, i) => k.padEnd(widths[i] as number)).join('  '));
  for (const row of rows) console.log(keys.map((k, i) => cell(row[k] ?? '').padEnd(widths[i] as number)).join('  '));
  console.log(JSON.stringify(result, null, 2));
}
