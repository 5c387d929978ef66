/**
 * The `weightsManifest` of a tfjs model.json: groups of binary shards, each holding weights
 * back to back (float32, int32, or affine-quantized uint8/uint16 and float16).
 */
import { InputError } from '@losslens/core';

/** One weight as the manifest describes it. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

/** One group of shards. */
export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fail = (label: string, message: string): never => {
  throw new InputError('E_MODEL_FORMAT', `${label}: ${message}`);
};

/**
 * Reads and checks a model.json's `weightsManifest`. Paths are only checked for shape here;
 * `safeWeightPath` checks where they point.
 * @example
 * const groups = parseManifest(json.weightsManifest, 'model.json');
 */
export function parseManifest(manifest: unknown, label: string): WeightGroup[] {
  if (manifest === undefined) return [];
  if (!Array.isArray(manifest)) return fail(label, '"weightsManifest" must be an array of {paths, weights}');
  return manifest.map((group, g) => {
    if (!isObject(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights'])) {
      return fail(label, `weightsManifest[${g}] must have "paths" and "weights" arrays`);
    }
    const paths = group['paths'].map((p) => (typeof p === 'string' && p.length > 0 ? p : fail(label, `weightsManifest[${g}] has a path that is not a string`)));
    const weights = group['weights'].map((w, i): WeightEntry => {
      if (!isObject(w) || typeof w['name'] !== 'string' || !Array.isArray(w['shape'])) {
        return fail(label, `weightsManifest[${g}].weights[${i}] needs a "name" and a "shape"`);
      }
      const shape = w['shape'];
      if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
        return fail(label, `weight "${w['name']}" has an invalid shape ${JSON.stringify(shape)}`);
      }
      const entry: WeightEntry = { name: w['name'], shape: shape as number[], dtype: typeof w['dtype'] === 'string' ? w['dtype'] : 'float32' };
      if (isObject(w['quantization'])) {
        const q = w['quantization'];
        entry.quantization = {
          dtype: String(q['dtype']),
          ...(typeof q['scale'] === 'number' ? { scale: q['scale'] } : {}),
          ...(typeof q['min'] === 'number' ? { min: q['min'] } : {}),
        };
      }
      return entry;
    });
    return { paths, weights };
  });
}

const bytesPer: Record<string, number> = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 };

/**
 * Bytes a weight takes in the binary file.
 * @example
 * weightBytes({ name: 'w', shape: [3, 4], dtype: 'float32' }, 'model.json'); // 48
 */
export function weightBytes(entry: WeightEntry, label: string): number {
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const per = bytesPer[dtype];
  if (per === undefined) return fail(label, `weight "${entry.name}" has unsupported dtype "${dtype}"`);
  return per * entry.shape.reduce((a, b) => a * b, 1);
}

/** Half-precision bits to a number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * Decodes one weight from `bytes` (exactly {@link weightBytes} long, little-endian) to float32.
 * Affine-quantized values are `min + scale·q`.
 * @example
 * const values = decodeWeight(entry, bytes);
 */
export function decodeWeight(entry: WeightEntry, bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = entry.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const q = entry.quantization;
  const dtype = q?.dtype ?? entry.dtype;
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'float32':
        out[i] = view.getFloat32(4 * i, true);
        break;
      case 'int32':
        out[i] = view.getInt32(4 * i, true);
        break;
      case 'uint8':
        out[i] = (q?.min ?? 0) + (q?.scale ?? 1) * view.getUint8(i);
        break;
      case 'uint16':
        out[i] = (q?.min ?? 0) + (q?.scale ?? 1) * view.getUint16(2 * i, true);
        break;
      case 'float16':
        out[i] = halfToFloat(view.getUint16(2 * i, true));
        break;
    }
  }
  return out;
}

/**
 * Checks that a manifest path stays inside the model's folder: relative, no `..` segment,
 * no URL scheme or drive letter. Returns the path unchanged; throws InputError E_MODEL_FORMAT.
 * @example
 * safeWeightPath('./weights.bin', 'model.json'); // './weights.bin'
 */
export function safeWeightPath(path: string, label: string): string {
  const reason =
    /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path) ? 'is a URL or drive path'
    : path.startsWith('/') || path.startsWith('\\') ? 'is absolute'
    : path.split(/[\\/]+/).includes('..') ? 'leaves the model folder'
    : undefined;
  if (reason !== undefined) {
    fail(label, `weight path "${path}" ${reason}; weight files must be relative paths inside the model's folder`);
  }
  return path;
}
