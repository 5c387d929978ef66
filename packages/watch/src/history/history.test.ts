import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { isInputError } from '@losslens/core';
import { parseHistory } from './read-history.js';
import { diagnoseCurves, type CurveCheckName } from './curve-diagnosis.js';

const fixtures = new URL('../../test/fixtures/', import.meta.url);
const read = (path: string) => parseHistory(readFileSync(new URL(path, fixtures), 'utf8'), path);
const fired = (path: string) => diagnoseCurves(read(path)).findings.filter((f) => f.fired).map((f) => f.check);
const errorOf = (text: string, file = 'log.csv') => {
  try {
    parseHistory(text, file);
  } catch (error) {
    expect(isInputError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('parseHistory: the logs people have', () => {
  it('a Keras CSVLogger file (epoch first, then sorted keys)', () => {
    const log = read('keras/overfitting.csv');
    expect(log.format).toBe('keras-csv');
    expect(log.epochs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log.trainKey).toBe('loss');
    expect(log.validationKey).toBe('val_loss');
    expect(log.series.val_accuracy?.[4]).toBe(0.825);
    expect(read('keras/diverged.csv').series.loss?.slice(2)).toEqual([4.8812, Number.NaN, Number.NaN]);
  });

  it('a tfjs History JSON, the bare history object (NaN written as null) and a JSON array of rows', () => {
    const wrapped = parseHistory('{"epoch":[0,1,2],"history":{"loss":[0.9,0.5,null],"val_loss":[1,0.7,0.6]}}', 'h.json');
    expect(wrapped.format).toBe('tfjs-history');
    expect(wrapped.epochs).toEqual([0, 1, 2]);
    expect(wrapped.series.loss).toEqual([0.9, 0.5, Number.NaN]);
    const bare = parseHistory('{"loss":[0.9,0.5],"val_loss":[1,0.7]}', 'h.json');
    expect(bare.series.val_loss).toEqual([1, 0.7]);
    expect(bare.epochs).toEqual([0, 1]);
    const rows = parseHistory('[{"epoch":1,"loss":0.9},{"epoch":2,"loss":0.5}]', 'rows.json');
    expect(rows.epochs).toEqual([1, 2]);
  });

  it('a plain epoch/loss table, space or tab separated', () => {
    const log = read('keras/table.txt');
    expect(log.format).toBe('table');
    expect(log.epochs).toEqual([1, 2, 3, 4]);
    expect(log.series.loss).toEqual([0.9, 0.61, 0.45, 0.38]);
    expect(parseHistory('loss\tvalidation_loss\n0.9\t1.0\n0.5\t0.8\n', 't.tsv').validationKey).toBe('validation_loss');
  });

  it('bad files: one line naming the file, row and column', () => {
    expect(errorOf(readFileSync(new URL('keras/bad-cell.csv', fixtures), 'utf8'), 'bad-cell.csv')).toBe('bad-cell.csv: row 4, column "val_loss": "abc" is not a number');
    expect(errorOf(readFileSync(new URL('keras/bad.json', fixtures), 'utf8'), 'bad.json')).toBe('bad.json: row 1, column 32: not valid JSON (value expected)');
    expect(errorOf(readFileSync(new URL('keras/ragged.json', fixtures), 'utf8'), 'ragged.json')).toBe('ragged.json: column "val_loss": "val_loss" has 2 epochs, "loss" has 3');
    expect(errorOf(readFileSync(new URL('keras/no-loss.csv', fixtures), 'utf8'), 'no-loss.csv')).toMatch(/^no-loss\.csv: column "loss": no training-loss column .*the log has epoch, val_loss\)$/);
    expect(errorOf(readFileSync(new URL('keras/extra-field.csv', fixtures), 'utf8'), 'extra-field.csv')).toBe('extra-field.csv: row 3: has 4 fields, the header has 3');
    expect(errorOf('epoch,loss\n0,0.9\n', 'one.csv')).toBe('one.csv: has 1 epoch; a curve needs at least 2');
    expect(errorOf('epoch,loss\n0,0.9\n0,0.8\n', 'dup.csv')).toBe('dup.csv: row 3, column "epoch": epoch 0 does not follow epoch 0 (rows must be in epoch order, one per epoch)');
    expect(errorOf('  \n', 'empty.csv')).toBe('empty.csv: the file is empty');
    expect(errorOf('{"history": {"loss": [0.9, "x"]}}', 'h.json')).toBe('h.json: row 2, column "loss": epoch entry 1 is "x", not a number');
  });
});

describe('diagnoseCurves on hand-made Keras CSVLogger files', () => {
  it('overfitting: the onset is the epoch of the lowest validation loss, and a train/validation gap', () => {
    const d = diagnoseCurves(read('keras/overfitting.csv'));
    const onset = d.findings.find((f) => f.check === 'overfitting-onset')!;
    expect(onset.fired).toBe(true);
    expect(onset.epoch).toBe(4);
    expect(onset.value).toBeCloseTo(0.6154 / 0.4302 - 1, 10);
    const gap = d.findings.find((f) => f.check === 'generalization-gap')!;
    expect(gap.value).toBeCloseTo(0.6154 / 0.0569, 10);
    expect(fired('keras/overfitting.csv')).toEqual(['overfitting-onset', 'generalization-gap']);
  });

  it('divergence names the first non-finite epoch; plateau; oscillation; a healthy log fires nothing', () => {
    const diverged = diagnoseCurves(read('keras/diverged.csv')).findings[0]!;
    expect(diverged).toMatchObject({ check: 'divergence', fired: true, epoch: 3 });
    expect(fired('keras/plateau.csv')).toEqual(['plateau']);
    const plateau = diagnoseCurves(read('keras/plateau.csv')).findings.find((f) => f.check === 'plateau')!;
    expect(plateau.value).toBeCloseTo((0.6932 - 0.693) / 0.6932, 10);
    expect(fired('keras/oscillating.csv')).toEqual(['oscillation']);
    expect(diagnoseCurves(read('keras/oscillating.csv')).findings.find((f) => f.check === 'oscillation')!.value).toBeCloseTo(3 / 7, 10);
    expect(fired('keras/healthy.csv')).toEqual([]);
  });

  it('a loss that grows past its start is divergence even while finite', () => {
    const d = diagnoseCurves(parseHistory('epoch,loss\n0,1.0\n1,0.9\n2,1.4\n3,2.2\n', 'g.csv'));
    expect(d.findings[0]).toMatchObject({ check: 'divergence', fired: true, value: 2.2 });
  });

  it('names what the curves cannot decide: model bias vs optimization needs the comparison runs', () => {
    const d = diagnoseCurves(read('keras/plateau.csv'));
    expect(d.undecidable[0]).toMatch(/^model bias vs optimization: .*comparison runs/);
    expect(d.undecidable.join('\n')).toMatch(/mismatch/);
    const noVal = diagnoseCurves(read('keras/oscillating.csv'));
    expect(noVal.undecidable.join('\n')).toMatch(/overfitting: needs a validation loss/);
  });
});

describe('diagnoseCurves on logs of the repository\'s planted-fault runs (packages/health/bench scenarios, written by test/write-planted-logs.ts)', () => {
  const dir = new URL('planted/', fixtures);
  const expected: Record<string, CurveCheckName[]> = {
    healthy: [],
    'non-finite': ['divergence'],
    'oscillating-loss': ['oscillation'],
    plateau: ['plateau'],
    'learning-rate-too-small': ['plateau'],
    overfitting: ['overfitting-onset', 'generalization-gap'],
  };
  const files = readdirSync(dir).sort();
  it('has the runs (9 scenarios and 2 validation runs, each as History JSON and Keras CSV)', () => {
    expect(files).toHaveLength(22);
  });
  for (const file of files) {
    const kind = Object.keys(expected).find((k) => file.startsWith(`${k}-`))!;
    it(`${file}: ${expected[kind]!.join(', ') || 'nothing'} fires`, () => {
      expect(fired(`planted/${file}`)).toEqual(expected[kind]);
    });
  }
});
