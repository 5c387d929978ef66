/**
 * A model's relatives in the same family — shallower, deeper, narrower, wider — which the
 * diagnosis trains to tell model bias (flexible relatives do much better) from an optimization
 * issue (a deeper relative does WORSE on training data than a shallower one).
 */
import { formatSpec, parseSpec, type CnnToken, type ParsedSpec } from './spec.js';

/** Related specs, each list ordered from the closest relative to the farthest, without duplicates. */
export interface Relatives {
  shallower: string[];
  deeper: string[];
  narrower: string[];
  wider: string[];
}

/** Hidden width a `linear` model's first flexible relatives use. */
const DEFAULT_WIDTH = 32;

const unique = (specs: string[], self: string): string[] => [...new Set(specs)].filter((s) => s !== self);
const halve = (n: number, times: number) => Math.max(1, Math.round(n / 2 ** times));

/**
 * The relatives of a spec. mlp: shallower drops hidden layers (depth − 1, ⌈depth/2⌉, 1, then
 * `linear`), deeper repeats the last width (depth + 1, 2·depth), wider/narrower
 * scale every width by 2, 4 / ½, ¼. cnn: shallower drops the last convolution and what
 * follows it (pooling, norm, dropout), deeper repeats the last convolution with same padding
 * right after it, widths scale the filters. resnet-mlp: the same on blocks and width.
 * `linear`: deeper and wider are one- and two-layer relu MLPs. A model.json path has no relatives (empty lists).
 * Throws InputError E_SPEC for a malformed spec.
 * @example
 * relatives('mlp:64x64:relu').shallower; // ['mlp:64:relu', 'linear']
 */
export function relatives(spec: string): Relatives {
  if (spec.trim().toLowerCase().endsWith('.json')) return { shallower: [], deeper: [], narrower: [], wider: [] };
  const parsed = parseSpec(spec);
  const self = formatSpec(parsed);
  const fmt = (list: ParsedSpec[]) => unique(list.map(formatSpec), self);
  switch (parsed.family) {
    case 'linear':
      return {
        shallower: [],
        deeper: [`mlp:${DEFAULT_WIDTH}:relu`, `mlp:${DEFAULT_WIDTH}x${DEFAULT_WIDTH}:relu`],
        narrower: [],
        wider: [`mlp:${DEFAULT_WIDTH}:relu`, `mlp:${DEFAULT_WIDTH * 4}:relu`],
      };
    case 'mlp': {
      const { hidden } = parsed;
      const depth = hidden.length;
      const last = hidden[depth - 1] ?? DEFAULT_WIDTH;
      const withDepth = (d: number): ParsedSpec => ({
        ...parsed,
        hidden: d <= depth ? hidden.slice(0, d) : [...hidden, ...Array<number>(d - depth).fill(last)],
      });
      const shallower = [...(depth > 1 ? fmt([withDepth(depth - 1), withDepth(Math.ceil(depth / 2)), withDepth(1)]) : []), 'linear'];
      return {
        shallower,
        deeper: fmt([withDepth(depth + 1), withDepth(2 * depth)]),
        narrower: fmt([1, 2].map((t) => ({ ...parsed, hidden: hidden.map((w) => halve(w, t)) }))),
        wider: fmt([2, 4].map((t) => ({ ...parsed, hidden: hidden.map((w) => w * t) }))),
      };
    }
    case 'cnn': {
      const convs = parsed.layers.flatMap((t, i) => (t.kind === 'conv' ? [i] : []));
      const lastConv = convs[convs.length - 1] ?? 0;
      const previousConv = convs[convs.length - 2];
      const shallower: ParsedSpec[] = [];
      if (previousConv !== undefined) {
        // Drop the last convolution and the layers after it that belong to it (pooling, norm, dropout).
        shallower.push({ ...parsed, layers: [...parsed.layers.slice(0, lastConv)] });
      }
      const lastToken = parsed.layers[lastConv] as Extract<CnnToken, { kind: 'conv' }>;
      const repeated: CnnToken = { ...lastToken, stride: 1, padding: 'same' };
      const scale = (f: (n: number) => number): ParsedSpec => ({
        ...parsed,
        layers: parsed.layers.map((t) => (t.kind === 'conv' ? { ...t, filters: f(t.filters) } : t)),
        head: parsed.head.map(f),
      });
      return {
        shallower: fmt(shallower),
        deeper: fmt([
          { ...parsed, layers: [...parsed.layers.slice(0, lastConv + 1), repeated, ...parsed.layers.slice(lastConv + 1)] },
        ]),
        narrower: fmt([scale((n) => halve(n, 1)), scale((n) => halve(n, 2))]),
        wider: fmt([scale((n) => n * 2), scale((n) => n * 4)]),
      };
    }
    case 'resnet-mlp': {
      const { width, blocks } = parsed;
      return {
        shallower: fmt([blocks - 1, Math.ceil(blocks / 2), 1].filter((b) => b >= 1 && b < blocks).map((b) => ({ ...parsed, blocks: b }))),
        deeper: fmt([blocks + 1, 2 * blocks].map((b) => ({ ...parsed, blocks: b }))),
        narrower: fmt([1, 2].map((t) => ({ ...parsed, width: halve(width, t) }))),
        wider: fmt([2, 4].map((t) => ({ ...parsed, width: width * t }))),
      };
    }
  }
}
