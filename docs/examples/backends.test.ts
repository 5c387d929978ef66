import { describe, expect, it } from 'vitest';
import { main } from './backends.js';

describe('backends', () => {
  it('lists the Node backends by priority with wasm as the default, and selects by name', async () => {
    const r = await main();
    expect(r.rows.map((row) => row.name)).toEqual(['wasm', 'cpu', 'tensorflow']);
    expect(r.rows.filter((row) => row.isDefault).map((row) => row.name)).toEqual(['wasm']);
    expect(r.rows.find((row) => row.name === 'cpu')?.available).toBe(true);
    const tensorflow = r.rows.find((row) => row.name === 'tensorflow');
    if (tensorflow?.available === false) expect(tensorflow.reason).toMatch(/install @tensorflow\/tfjs-node/);
    expect(r.defaultBackend).toBe('wasm');
    expect(r.chosen).toBe('cpu');
    expect(r.missing).toBe('unknown backend "webgl"; choose one of wasm, cpu, tensorflow');
  });
});
