import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, eta, renderProgress } from './progress.js';
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
  vi.advanceTimersByTime(4_000);
  io.events.emit({ type: 'progress', task: 'training runs', done: 1, total: 4 });
  const lines = () => io.err.trim().split('\n');
  expect(lines()).toEqual(['▶ training', '  training runs: 1/4 (ETA 12 s)']);
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

it('plain lines carry an ETA at the pace so far, timed from the stage or the task before', () => {
  const io = memoryIO();
  const stop = renderProgress(io);
  io.events.emit({ type: 'stage', name: 'study', state: 'start' });
  vi.advanceTimersByTime(10_000);
  io.events.emit({ type: 'progress', task: 'runs', done: 1, total: 5 });
  vi.advanceTimersByTime(10_000);
  io.events.emit({ type: 'progress', task: 'runs', done: 2, total: 5, message: 'mlp:8:relu' });
  io.events.emit({ type: 'progress', task: 'runs', done: 5, total: 5 });
  vi.advanceTimersByTime(30_000);
  io.events.emit({ type: 'progress', task: 'hessian', done: 10, total: 40 });
  expect(io.err.trim().split('\n').filter((line) => !line.includes('still working'))).toEqual(['▶ study', '  runs: 1/5 (ETA 40 s)', '  runs: 2/5 mlp:8:relu (ETA 30 s)', '  runs: 5/5', '  hessian: 10/40 (ETA 1 min 30 s)']);
  stop();
});

it('eta says hours and minutes for long work', () => {
  expect(eta(10_000, 1, 5)).toBe('ETA 40 s');
  expect(eta(60_000, 1, 4)).toBe('ETA 3 min 0 s');
  expect(eta(3_600_000, 1, 3)).toBe('ETA 2 h 0 min');
});
