import { describe, expect, it } from 'vitest';
import { leaveOneOut } from './leave-one-out.js';

describe('leaveOneOut', () => {
  it('matches scikit-learn LeaveOneOut on 3 rows', () => {
    expect(leaveOneOut().split(3)).toEqual([
      { train: [1, 2], validation: [0] },
      { train: [0, 2], validation: [1] },
      { train: [0, 1], validation: [2] },
    ]);
  });
  it('rejects a single row', () => {
    expect(() => leaveOneOut().split(1)).toThrow(/^leaveOneOut: needs at least 2 rows, got 1$/);
  });
});
