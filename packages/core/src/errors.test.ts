import { expect, it } from 'vitest';
import { InputError, LosslensError, isInputError } from './errors.js';
import { createEventChannel } from './events.js';

it('InputError names file, row and column on one line', () => {
  const e = new InputError('E_VALUE', '"abc" is not a number', { file: 'train.csv', row: 14, column: 'x2' });
  expect(e.message).toBe('train.csv: row 14, column "x2": "abc" is not a number');
  expect(e.code).toBe('E_VALUE');
  expect(isInputError(e)).toBe(true);
  expect(new InputError('E_USAGE', 'expected an integer,\n got "x"', { flag: '--epochs' }).message).toBe(
    '--epochs: expected an integer, got "x"',
  );
  expect(isInputError(new LosslensError('E_INTERNAL', 'boom'))).toBe(false);
  expect(isInputError(new Error('plain'))).toBe(false);
});

it('the event channel delivers to subscribers until they unsubscribe', () => {
  const events = createEventChannel();
  const seen: string[] = [];
  const off = events.on((e) => seen.push(e.type));
  events.emit({ type: 'progress', task: 't', done: 1, total: 2 });
  off();
  events.emit({ type: 'note', level: 'info', message: 'x' });
  expect(seen).toEqual(['progress']);
});
