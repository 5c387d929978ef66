import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string with a headless Vega view (`renderer: 'none'`),
 * in Node (no canvas needed) and in the browser. Data must be inline: nothing is fetched.
 * @example
 * const svg = await renderSvg(lineChart({ title: 'loss', series, x: { title: 'epoch' }, y: { title: 'loss' } }));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  let vegaSpec;
  try {
    vegaSpec = compile(spec).spec;
  } catch (error) {
    throw new Error(`renderSvg: Vega-Lite could not compile the spec (${(error as Error).message})`, { cause: error });
  }
  const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
