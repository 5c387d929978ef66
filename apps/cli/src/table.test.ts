import { expect, it } from 'vitest';
import { formatTable } from './table.js';

it('pads columns to their widest cell, two spaces apart, without trailing blanks', () => {
  expect(formatTable(['model', 'loss', ''], [['linear', '0.5', '← selected'], ['mlp:64x64:relu', '0.25', '']])).toBe(
    ['model           loss', 'linear          0.5   ← selected', 'mlp:64x64:relu  0.25'].join('\n'),
  );
});
