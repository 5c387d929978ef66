import { beforeAll, describe, expect, it } from 'vitest';
import { createEventChannel, initTensorflow, type LensEvent } from '@losslens/core';
import type { FitOptions, FitResult } from '@losslens/optim';
import { kFold } from './k-fold.js';
import { selectModel } from './select-model.js';
import { lineDataset, sineDataset } from './test-datasets.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'cpu' });
});

/** A stand-in trainer whose validation loss is scripted per spec and fold. */
function scripted(losses: Record<string, number[]>) {
  const calls: { spec: string; seed: number; rows: number }[] = [];
  const trainer = async (options: FitOptions): Promise<FitResult> => {
    const spec = options.model.spec;
    const k = calls.filter((c) => c.spec === spec).length;
    calls.push({ spec, seed: options.seed ?? 0, rows: options.train.n });
    const loss = losses[spec]![k]!;
    return {
      theta: options.model.init(0),
      history: [],
      stopReason: 'completed',
      bestEpoch: 0,
      updates: 0,
      initialLoss: 1,
      final: { train: { loss: loss / 2 }, validation: { loss } },
      msTotal: 0,
    };
  };
  return { calls, trainer };
}

describe('selectModel', () => {
  it('picks the smallest mean validation loss, shares folds and fold seeds, and warns inside one std', async () => {
    const { calls, trainer } = scripted({ linear: [1.0, 1.2, 0.8, 1.0], 'mlp:4:relu': [0.9, 1.3, 0.6, 1.0] });
    const events = createEventChannel();
    const notes: LensEvent[] = [];
    events.on((e) => e.type === 'note' && notes.push(e));
    const s = await selectModel({ candidates: ['linear', 'mlp:4:relu'], dataset: lineDataset(12), splitter: kFold({ folds: 4 }), fit: { epochs: 1, batchSize: 'full' }, trainer, events });
    expect(s.rule).toBe('smallest mean validation loss');
    expect(s.results[0]!.mean).toBeCloseTo(1.0, 14);
    expect(s.results[1]!.mean).toBeCloseTo(0.95, 14);
    expect(s.selected).toBe('mlp:4:relu');
    expect(s.selectedIndex).toBe(1);
    expect(s.margin).toBeCloseTo(0.05, 14);
    // numpy: np.std([0.9, 1.3, 0.6, 1.0], ddof=1) = 0.2886751345948129
    expect(s.std).toBeCloseTo(0.2886751345948129, 14);
    expect(s.warning).toBe('"mlp:4:relu" wins by 0.0500, inside one std (0.289) of its fold losses; "linear" is about as good');
    expect(notes).toHaveLength(1);
    const seedsOf = (spec: string) => calls.filter((c) => c.spec === spec).map((c) => c.seed);
    expect(seedsOf('linear')).toEqual(seedsOf('mlp:4:relu'));
    expect(s.folds).toEqual(kFold({ folds: 4 }).split(12));
  });

  it('reuses completed results by name: those candidates are not trained again, the selection is the same', async () => {
    const losses = { linear: [1.0, 1.2, 0.8, 1.0], 'mlp:4:relu': [0.9, 1.3, 0.6, 1.0] };
    const options = { candidates: ['linear', 'mlp:4:relu'], dataset: lineDataset(12), splitter: kFold({ folds: 4 }), fit: { epochs: 1, batchSize: 'full' as const } };
    const whole = await selectModel({ ...options, trainer: scripted(losses).trainer });
    const first = await selectModel({ ...options, candidates: ['linear'], trainer: scripted(losses).trainer });
    const { calls, trainer } = scripted(losses);
    const resumed = await selectModel({ ...options, trainer, completed: first.results });
    expect(calls.map((c) => c.spec)).toEqual(['mlp:4:relu', 'mlp:4:relu', 'mlp:4:relu', 'mlp:4:relu']);
    const untimed = (x: typeof whole) => ({ ...x, results: x.results.map((r) => ({ ...r, ms: 0, folds: r.folds.map((f) => ({ ...f, ms: 0 })) })) });
    expect(untimed(resumed)).toEqual(untimed(whole));
  });

  it('does not warn when the margin exceeds one std, and ranks a diverged (NaN) candidate last', async () => {
    const { trainer } = scripted({ linear: [1.0, 1.1, 0.9], 'mlp:4:relu': [0.2, 0.25, 0.15], 'mlp:8:relu': [Number.NaN, 0.1, 0.1] });
    const s = await selectModel({ candidates: ['linear', 'mlp:4:relu', 'mlp:8:relu'], dataset: lineDataset(9), splitter: kFold({ folds: 3 }), fit: { epochs: 1, batchSize: 'full' }, trainer });
    expect(s.selected).toBe('mlp:4:relu');
    expect(s.warning).toBeUndefined();
    expect(s.margin).toBeCloseTo(0.8, 14);
  });

  it('with optim fit, prefers a small MLP over a linear model on a sine curve', async () => {
    const s = await selectModel({
      candidates: ['linear', 'mlp:16:tanh'],
      dataset: sineDataset(48, 3),
      splitter: kFold({ folds: 3, shuffle: true, seed: 1 }),
      fit: { epochs: 80, batchSize: 'full', optimizer: 'adam', learningRate: 0.08 },
    });
    expect(s.selected).toBe('mlp:16:tanh');
    expect(s.results[1]!.mean).toBeLessThan(s.results[0]!.mean / 3);
  });

  it('rejects an empty candidate list with one line', async () => {
    await expect(selectModel({ candidates: [], dataset: lineDataset(9), fit: { epochs: 1, batchSize: 'full' } })).rejects.toThrow(
      /^selectModel: the candidate list is empty; give at least one model$/,
    );
  });
});
