import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { memoryIO } from '../test-io.js';

/** Runs argv through the CLI in `cwd`. */
async function run(argv: string[], cwd: string) {
  const io = memoryIO(cwd);
  return { code: await runCli(argv, io), io };
}

describe('losslens data inspect', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'losslens-inspect-'));
    await writeFile(join(dir, 'iris-mini.csv'), 'sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.5,setosa\n');
    await writeFile(join(dir, 'reg.csv'), 'x1,x2,y\n1,10,0.5\n2,20,1.5\n3,30,4\n');
    await writeFile(join(dir, 'bad.csv'), 'x1,x2,y\n1,2,0\n2,3,1\n3,4,0\n4,5,1\n5,6,0\n6,abc,1\n');
    await writeFile(join(dir, 'ragged.csv'), 'x1,x2,y\n1,2,0\n2,3\n');
    await writeFile(join(dir, 'empty.csv'), '');
    await writeFile(join(dir, 'records.json'), '[{"a":1,"y":2},{"a":2,"y":3.5}]');
  });

  it('prints schema, task, class balance and rows for a classification CSV', async () => {
    const { code, io } = await run(['data', 'inspect', '--train', 'iris-mini.csv', '--target', 'species'], dir);
    expect(code).toBe(0);
    expect(io.out).toContain('iris-mini.csv: 4 rows, task classification');
    expect(io.out).toMatch(/^sepal\s+feature\s+real\s+4\.9\s+5\.825\s+7\s/m); // mean (5.1 + 7 + 6.3 + 4.9) / 4
    expect(io.out).toMatch(/^species\s+target\s+class \(3\)/m);
    expect(io.out).toMatch(/^ {2}setosa\s+2\s+50\.0%$/m);
    expect(io.out).toMatch(/^ {2}virginica\s+1\s+25\.0%$/m);
    expect(io.err).toBe('');
  });

  it('--json gives the summary object; --task overrides the inferred task', async () => {
    const { code, io } = await run(['data', 'inspect', '--train', 'reg.csv', '--target', 'y', '--json'], dir);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out) as { task: string; rows: number; columns: { name: string; mean: number }[] };
    expect(summary.task).toBe('regression');
    expect(summary.rows).toBe(3);
    expect(summary.columns.map((c) => [c.name, c.mean])).toEqual([
      ['x1', 2],
      ['x2', 20],
      ['y', 2],
    ]);
    const forced = await run(['data', 'inspect', '--train', 'reg.csv', '--target', 'x1', '--task', 'classification', '--json'], dir);
    expect(JSON.parse(forced.io.out).task).toBe('classification');
  });

  it('reads JSON records and built-in datasets', async () => {
    const json = await run(['data', 'inspect', '--train', 'records.json', '--target', 'y'], dir);
    expect(json.code).toBe(0);
    expect(json.io.out).toContain('records.json: 2 rows, task regression');
    const iris = await run(['data', 'inspect', '--dataset', 'iris'], dir);
    expect(iris.code).toBe(0);
    expect(iris.io.out).toContain('iris: 150 rows, task classification');
  });

  it.each([
    [['--train', 'bad.csv', '--target', 'y'], 'losslens: bad.csv: row 7, column "x2": "abc" is not a number'],
    [['--train', 'ragged.csv', '--target', 'y'], 'losslens: ragged.csv: row 3: has 2 fields, the header has 3'],
    [['--train', 'empty.csv', '--target', 'y'], 'losslens: empty.csv: the file is empty'],
    [['--train', 'missing.csv', '--target', 'y'], 'losslens: missing.csv: file not found'],
    [['--train', 'reg.csv', '--target', 'z'], 'losslens: reg.csv: column "z": target column "z" not found; the columns are: x1, x2, y'],
    [['--train', 'reg.csv'], 'losslens: --target: is required with --train (the column to predict)'],
    [['--train', 'reg.csv', '--target', 'y', '--task', 'ranking'], 'losslens: --task: expected one of regression, classification, got "ranking"'],
    [[], 'losslens: --train: give exactly one of --train FILE or --dataset NAME'],
    [['--dataset', 'cifar'], /^losslens: --dataset: no dataset named "cifar" \(known: data\/mnist, data\/iris, /],
  ] as const)('bad input %j exits 2 with one line', async (args, message) => {
    const { code, io } = await run(['data', 'inspect', ...args], dir);
    expect(code).toBe(2);
    expect(io.out).toBe('');
    const lines = io.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
  });
});
