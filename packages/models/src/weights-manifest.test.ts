import { expect, it } from 'vitest';
import { decodeWeight, parseManifest, safeWeightPath, weightBytes } from './weights-manifest.js';

it('decodes float32, int32, affine uint8/uint16 and float16 (little-endian)', () => {
  const f32 = new Uint8Array(Float32Array.of(1.5, -2).buffer);
  expect(Array.from(decodeWeight({ name: 'a', shape: [2], dtype: 'float32' }, f32))).toEqual([1.5, -2]);
  const i32 = new Uint8Array(Int32Array.of(-3, 7).buffer);
  expect(Array.from(decodeWeight({ name: 'b', shape: [2], dtype: 'int32' }, i32))).toEqual([-3, 7]);
  const u16 = new Uint8Array(Uint16Array.of(0, 1000).buffer);
  expect(Array.from(decodeWeight({ name: 'c', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: -0.5 } }, u16))).toEqual([
    -0.5,
    expect.closeTo(0.5, 6),
  ]);
  // float16: 0x3c00 = 1, 0xc000 = −2, 0x3555 ≈ 0.33325, 0x0001 = 2^-24 (subnormal)
  const f16 = new Uint8Array(Uint16Array.of(0x3c00, 0xc000, 0x3555, 0x0001).buffer);
  const halves = decodeWeight({ name: 'd', shape: [4], dtype: 'float32', quantization: { dtype: 'float16' } }, f16);
  expect(Array.from(halves)).toEqual([1, -2, expect.closeTo(0.333251953125, 9), expect.closeTo(2 ** -24, 12)]);
  expect(weightBytes({ name: 'e', shape: [3, 4], dtype: 'float32', quantization: { dtype: 'uint8' } }, 'm')).toBe(12);
  expect(() => weightBytes({ name: 'f', shape: [1], dtype: 'complex64' }, 'm.json')).toThrow('m.json: weight "f" has unsupported dtype "complex64"');
});

it('parses manifests and names what is malformed', () => {
  expect(parseManifest(undefined, 'm')).toEqual([]);
  expect(parseManifest([{ paths: ['w.bin'], weights: [{ name: 'k', shape: [2] }] }], 'm')).toEqual([
    { paths: ['w.bin'], weights: [{ name: 'k', shape: [2], dtype: 'float32' }] },
  ]);
  expect(() => parseManifest({}, 'm.json')).toThrow('m.json: "weightsManifest" must be an array of {paths, weights}');
  expect(() => parseManifest([{ paths: 'w.bin', weights: [] }], 'm.json')).toThrow('m.json: weightsManifest[0] must have "paths" and "weights" arrays');
  expect(() => parseManifest([{ paths: ['w'], weights: [{ name: 'k', shape: [-1] }] }], 'm.json')).toThrow(
    'm.json: weight "k" has an invalid shape [-1]',
  );
});

it('weight paths must stay inside the model folder', () => {
  expect(safeWeightPath('weights.bin', 'm')).toBe('weights.bin');
  expect(safeWeightPath('./shards/group1-shard1of1.bin', 'm')).toBe('./shards/group1-shard1of1.bin');
  expect(() => safeWeightPath('..\\w.bin', 'm')).toThrow(/leaves the model folder/);
  expect(() => safeWeightPath('\\\\server\\w.bin', 'm')).toThrow(/is absolute/);
  expect(() => safeWeightPath('C:\\w.bin', 'm')).toThrow(/is a URL or drive path/);
  expect(() => safeWeightPath('file:///etc/passwd', 'm')).toThrow(/is a URL or drive path/);
});
