import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, renderProgress } from './progress.js';
import { memoryIO } from './test-io.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('plain progress never stays silent longer than HEARTBEAT_MS while work is under way', () => {
  const io = memoryIO();
  const stop = renderProgress(io);
  io.events.emit({ type: 'stage', name: 'training', state: 'start' });
  io.events.emit({ type: 'progress', task: 'training runs', done: 1, total: 4 });
  const lines = () => io.err.trim().split('\n');
  expect(lines()).toEqual(['▶ training', '  training runs: 1/4']);
  vi.advanceTimersByTime(HEARTBEAT_MS - 1000);
  expect(lines()).toHaveLength(2);
  vi.advanceTimersByTime(30_000); // a long epoch with no event
  const beats = lines().slice(2);
  expect(beats.length).toBeGreaterThanOrEqual(30_000 / HEARTBEAT_MS - 1);
  for (const beat of beats) expect(beat).toMatch(/^ {2}training runs: 1\/4 \(still working, \d+ s\)$/);
  stop();
  vi.advanceTimersByTime(30_000);
  expect(lines().slice(2)).toEqual(beats); // stopped: no more lines
});

it('nothing is printed before any work starts, and a terminal gets no heartbeat lines', () => {
  const plain = memoryIO();
  const stopPlain = renderProgress(plain);
  vi.advanceTimersByTime(20_000);
  expect(plain.err).toBe('');
  stopPlain();
  const tty = { ...memoryIO(), isTTY: true };
  const stopTty = renderProgress(tty);
  tty.events.emit({ type: 'stage', name: 'training', state: 'start' });
  vi.advanceTimersByTime(20_000);
  expect(tty.err).not.toMatch(/still working/);
  stopTty();
});
