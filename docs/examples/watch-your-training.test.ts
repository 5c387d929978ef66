import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { main } from './watch-your-training.js';

describe('watch-your-training example', () => {
  it('a healthy run: nothing fires, the HTML report is written, the best epoch is kept, no tensor leaks', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = await mkdtemp(join(tmpdir(), 'watch-example-'));
    await main({ epochs: 1 }); // warm-up: tfjs's lazily made tensors
    const before = tf.memory().numTensors;
    const healthy = await main({ html: join(dir, 'health.html') });
    expect(tf.memory().numTensors).toBe(before);
    expect(healthy.fired).toEqual([]);
    expect(healthy.markdown).toMatch(/\| learning-rate-too-small \| no \|/);
    expect(healthy.best?.epoch).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'health.html'), 'utf8')).toMatch(/<svg/);
    expect(log).toHaveBeenCalledWith(healthy.markdown);
    log.mockRestore();
  }, 180_000);

  it('a planted fault (Adam at 1e-6): the learning rate is too small and the loss plateaus', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const slow = await main({ learningRate: 1e-6 });
    expect(slow.fired).toContain('learning-rate-too-small');
    expect(slow.fired).toContain('plateau');
    log.mockRestore();
  }, 180_000);
});
