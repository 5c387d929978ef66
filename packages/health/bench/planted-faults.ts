/**
 * The planted-fault benchmark: every scenario in scenarios.ts × 3 seeds, recorded with
 * `recordHealth` and judged by `detectHealth` at the default thresholds. Prints, per fault
 * kind, the recall of its detector (runs planted with it where it fired), its precision (of
 * the runs where it fired, those planted with it) and the false alarms on healthy runs, as a
 * table and as JSON.
 *   pnpm --filter @losslens/health bench   (or: npx tsx --conditions=source bench/planted-faults.ts [--backend cpu] [--verbose])
 */
import { initTensorflow } from '@losslens/core';
import { detectHealth, detectorNames, type DetectorName } from '../src/index.js';
import { runScenario, scenarios, seeds, type PlantedKind } from './scenarios.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
await initTensorflow({ backend: arg('backend', 'wasm') });
const verbose = process.argv.includes('--verbose');

interface Run { kind: PlantedKind; plant: string; dataset: string; model: string; seed: number; fired: DetectorName[] }
const runs: Run[] = [];
const started = performance.now();
for (const s of scenarios) {
  for (const seed of seeds) {
    const detections = detectHealth(await runScenario(s, seed));
    const fired = detections.filter((d) => d.fired).map((d) => d.detector);
    runs.push({ kind: s.kind, plant: s.plant, dataset: s.dataset, model: s.model, seed, fired });
    if (verbose) console.error(`${s.kind} ${s.dataset} ${s.model} seed ${seed}: ${fired.join(', ') || '—'}`);
  }
}
const seconds = (performance.now() - started) / 1000;

const rows = detectorNames.map((kind) => {
  const planted = runs.filter((r) => r.kind === kind);
  const firing = runs.filter((r) => r.fired.includes(kind));
  const hits = planted.filter((r) => r.fired.includes(kind)).length;
  const healthyAlarms = runs.filter((r) => r.kind === 'healthy' && r.fired.includes(kind)).length;
  return {
    kind,
    runs: planted.length,
    datasets: [...new Set(planted.map((r) => r.dataset))].length,
    recall: planted.length === 0 ? Number.NaN : hits / planted.length,
    precision: firing.length === 0 ? Number.NaN : firing.filter((r) => r.kind === kind).length / firing.length,
    firedOnOtherFaults: firing.filter((r) => r.kind !== kind && r.kind !== 'healthy').length,
    healthyAlarms,
  };
});
const healthy = runs.filter((r) => r.kind === 'healthy');
const falseAlarmRuns = healthy.filter((r) => r.fired.length > 0).length;

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
console.log(`planted-fault benchmark: ${runs.length} runs (${healthy.length} healthy), seeds ${seeds.join(', ')}, ${seconds.toFixed(0)} s\n`);
console.log('| fault kind | runs | datasets | recall | precision | fired on other faults | false alarms (healthy) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.kind} | ${r.runs} | ${r.datasets} | ${pct(r.recall)} | ${pct(r.precision)} | ${r.firedOnOtherFaults} | ${r.healthyAlarms} |`);
console.log(`\nhealthy runs with any detector fired: ${falseAlarmRuns} of ${healthy.length}`);
console.log(JSON.stringify({ runs: runs.length, healthy: healthy.length, falseAlarmRuns, seconds, perKind: rows }));
