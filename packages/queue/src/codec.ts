/**
 * Plain data ⇄ JSON text without loss, for tasks and results that cross Redis: typed arrays as
 * base64 of their bytes, NaN/±Infinity and −0 as tagged values, so a value read back is
 * bit-identical to the one written.
 */

const typedArrays = { Float32Array, Float64Array, Int32Array, Uint8Array, Uint32Array, Int16Array, Uint16Array, Int8Array } as const;
type TypedName = keyof typeof typedArrays;

const tag = '$ll';

function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [tag]: 'number', value: 'NaN' };
    if (!Number.isFinite(value)) return { [tag]: 'number', value: value > 0 ? 'Infinity' : '-Infinity' };
    if (Object.is(value, -0)) return { [tag]: 'number', value: '-0' };
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (!(name in typedArrays)) throw new Error(`cannot send a ${name} through the queue`);
    return { [tag]: name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new Error(`cannot send a ${(value as object).constructor?.name ?? 'non-plain object'} through the queue: tasks are plain data`);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = encodeValue(v);
    return out;
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new Error(`cannot send a ${typeof value} through the queue: tasks are plain data, never code`);
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const kind = record[tag];
    if (kind === 'number') return Number(record.value);
    if (typeof kind === 'string' && kind in typedArrays) {
      const bytes = Buffer.from(record.base64 as string, 'base64');
      const Ctor = typedArrays[kind as TypedName];
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      return new Ctor(copy.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) out[key] = decodeValue(v);
    return out;
  }
  return value;
}

/**
 * Plain data → JSON text; throws for functions, class instances and other code-like values.
 * @example
 * const text = encodePlain({ theta: new Float32Array([1, -0]), loss: NaN });
 */
export function encodePlain(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

/**
 * JSON text from {@link encodePlain} → the same plain data (typed arrays and special numbers restored).
 * @example
 * const { theta } = decodePlain(text) as { theta: Float32Array };
 */
export function decodePlain(text: string): unknown {
  return decodeValue(JSON.parse(text));
}
