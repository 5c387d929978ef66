/**
 * Writes the golden inputs (CSVs and a model.json) from closed-form formulas, so the
 * lens-equivalence test's inputs are reproducible. Run once: `npx tsx --conditions=source make-inputs.ts`.
 */
import { writeFileSync } from 'node:fs';
import { createModel, saveLayersModel } from '@losslens/models';
import { initTensorflow } from '@losslens/core';

const rows = (n: number, f: (i: number) => number[]) => Array.from({ length: n }, (_, i) => f(i).map((v) => v.toFixed(5)).join(','));
const x = (i: number, k: number) => Math.sin(1.7 * i + 0.9 * k) * 1.5;
writeFileSync('regression.csv', ['a,b,c,y', ...rows(120, (i) => [x(i, 1), x(i, 2), x(i, 3), Math.sin(2 * x(i, 1)) + 0.5 * x(i, 2) ** 2 + 0.1 * Math.cos(7 * i)])].join('\n') + '\n');
writeFileSync('shifted-test.csv', ['a,b,c,y', ...rows(60, (i) => [x(i, 1) + 2, x(i, 2), x(i, 3), Math.sin(2 * (x(i, 1) + 2)) + 0.5 * x(i, 2) ** 2])].join('\n') + '\n');
writeFileSync('classes.csv', ['u,v,label', ...rows(90, (i) => [x(i, 4), x(i, 5), (x(i, 4) + 0.5 * x(i, 5) > 0 ? 1 : 0) + (x(i, 5) > 1 ? 1 : 0)])].join('\n') + '\n');
await initTensorflow({ backend: 'cpu' });
const model = createModel('mlp:4:tanh', { inputShape: [3], outputs: 1 });
await saveLayersModel('tanh', model, model.init(3));
