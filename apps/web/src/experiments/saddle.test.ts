import { describe, expect, it } from 'vitest';
import { createEventChannel } from '@losslens/core';
import { createDefaultLens } from '@losslens/lens';
import type { LensEvent } from '@losslens/core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { measureSaddle, saddleExperiment } from './saddle.js';

// Closed forms for L(w1, w2) = (1 − w1·w2)², the lecture's one-sample example:
// ∂L/∂w1 = −2(1 − w1w2)·w2, ∂L/∂w2 = −2(1 − w1w2)·w1; at (0, 0): H = [[0, −2], [−2, 0]],
// eigenvalues ∓2 with eigenvectors (1, ±1)/√2; along u = (1, 1)/√2, L(ηu) = (1 − η²/2)².
const gradient64 = (w1: number, w2: number): [number, number] => [-2 * (1 - w1 * w2) * w2, -2 * (1 - w1 * w2) * w1];
const loss64 = (w1: number, w2: number): number => (1 - w1 * w2) ** 2;

function descend64(w: [number, number], learningRate: number, steps: number): number[] {
  const losses = [loss64(...w)];
  for (let i = 0; i < steps; i++) {
    const g = gradient64(...w);
    w = [w[0] - learningRate * g[0], w[1] - learningRate * g[1]];
    losses.push(loss64(...w));
  }
  return losses;
}

describeBackends('measureSaddle', () => {
  it('finds the saddle at (0, 0): zero gradient, Hessian [[0,−2],[−2,0]], eigenvalues ±2', async () => {
    const m = await expectNoLeaks(() => measureSaddle({ steps: 10 }));
    expect(m.loss).toBe(1);
    expect(m.gradient).toEqual([0, 0]);
    m.hessian.flat().forEach((h, i) => expect(h).toBeCloseTo([0, -2, -2, 0][i] ?? Number.NaN, 6));
    expect(m.eigenvalues[0]).toBeCloseTo(-2, 6);
    expect(m.eigenvalues[1]).toBeCloseTo(2, 6);
    expect(m.kind).toBe('saddle-point');
    expect(m.minimumRatio).toBe(0.5);
    expect(m.escape.direction[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(m.escape.direction[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Math.abs(m.eigenvectors[1]?.[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 6); // (1, −1)/√2 up to sign
    expect((m.eigenvectors[1]?.[0] ?? 0) + (m.eigenvectors[1]?.[1] ?? 1)).toBeCloseTo(0, 6);
  });

  it('lowers the loss along the negative-curvature eigenvector as the closed form says', async () => {
    const m = await measureSaddle({ escapeStep: 0.5, steps: 5 });
    // θ = 0.5·(1, 1)/√2 → w1·w2 = 0.125 → L = 0.875² = 0.765625; Taylor: 1 + ½(−2)(0.25) = 0.75.
    expect(m.escape.lossAfter).toBeCloseTo(0.765625, 6);
    expect(m.escape.predicted).toBeCloseTo(0.75, 6);
  });

  it('matches a float64 gradient-descent reference, and stays stuck without the escape', async () => {
    const m = await measureSaddle({ escapeStep: 0.5, learningRate: 0.1, steps: 30 });
    const start = 0.5 * Math.SQRT1_2;
    const reference = descend64([start, start], 0.1, 30);
    expect(m.descentWithEscape).toHaveLength(31);
    m.descentWithEscape.forEach((loss, i) => expect(loss).toBeCloseTo(reference[i] ?? Number.NaN, 5));
    expect(m.descentWithoutEscape).toEqual(new Array(31).fill(1));
    expect(m.finalTheta[0]).toBeCloseTo(m.finalTheta[1], 6);
  });

  it('profiles the loss along both eigenvectors: (1 − t²/2)² and (1 + t²/2)²', async () => {
    const m = await measureSaddle({ steps: 1 });
    m.profiles.t.forEach((t, i) => {
      expect(m.profiles.alongNegative[i]).toBeCloseTo((1 - (t * t) / 2) ** 2, 5);
      expect(m.profiles.alongPositive[i]).toBeCloseTo((1 + (t * t) / 2) ** 2, 5);
    });
  });
});

describe('saddleExperiment', () => {
  it('reports the eigenvalues, the escape and progress on the cpu backend', async () => {
    const lens = await createDefaultLens({ backend: 'cpu' });
    const events = createEventChannel();
    const seen: LensEvent[] = [];
    events.on((e) => seen.push(e));
    const result = await saddleExperiment.run({ lens, events, seed: 0, quick: false });
    const fact = (id: string): string | undefined => result.facts.find((f) => f.id === id)?.value;
    expect(fact('eigenvalues')).toBe('-2.000, 2.000');
    expect(fact('kind')).toBe('saddle-point');
    expect(fact('gradient-norm')).toBe('0.000');
    expect(fact('hessian')).toBe('[[0.000, -2.000], [-2.000, 0.000]]');
    expect(fact('escape-direction')).toBe('(0.707, 0.707)');
    expect(fact('escape-loss')).toBe('0.766 (0.750)');
    expect(fact('final-loss')).toBe('0.0000 / 1.0000');
    expect(fact('final-theta')).toBe('(1.000, 1.000)');
    expect(result.headline).toContain('saddle point');
    expect(result.charts).toHaveLength(2);
    expect(seen.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 80, total: 80 });
  });
});
