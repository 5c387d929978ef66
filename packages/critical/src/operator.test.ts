import { describe, expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { blockOperator, denseBlock, denseOperator, hessianOperator } from './operator.js';
import { lectureObjective } from '../test/fixtures.js';

describe('operators', () => {
  const matrix = { size: 3, data: Float64Array.of(1, 2, 3, 2, 5, 6, 3, 6, 9) };

  it('denseOperator multiplies and counts', () => {
    const op = denseOperator(matrix);
    expect(Array.from(op.apply(Float64Array.of(1, 0, -1)))).toEqual([-2, -4, -6]);
    expect(op.applications).toBe(1);
    expect(() => denseOperator({ size: 2, data: new Float64Array(3) })).toThrow('a 2×2 matrix needs 4 entries, got 3');
  });

  it('blockOperator is the diagonal block: it matches denseBlock', () => {
    const block = { name: 'b', offset: 1, size: 2 };
    const op = blockOperator(denseOperator(matrix), block);
    expect(Array.from(op.apply(Float64Array.of(1, 1)))).toEqual([11, 15]); // [[5, 6], [6, 9]]·(1, 1)
    expect(Array.from(denseBlock(matrix, block).data)).toEqual([5, 6, 6, 9]);
    expect(() => blockOperator(denseOperator(matrix), { name: 'far', offset: 2, size: 2 })).toThrow(
      'block "far" (offset 2, size 2) does not fit in 3 parameters',
    );
  });
});

describeBackends('hessianOperator', () => {
  it('applies exact HVPs at a fixed θ (a copy: later changes to the caller\'s array do not move it)', () => {
    const theta = Float32Array.of(0, 0);
    const op = hessianOperator(lectureObjective(), theta);
    theta[0] = 5;
    expect(Array.from(op.apply(Float64Array.of(1, 1)))).toEqual([-2, -2]);
    expect(op.applications).toBe(1);
    expect(op.size).toBe(2);
  });
});
