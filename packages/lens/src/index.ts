export { defaultPlugins } from './default-plugins.js';
export { createDefaultLens } from './default-lens.js';
export type { DefaultLens, DefaultLensOptions, ModelShape } from './default-lens.js';
export { describeLens } from './describe-lens.js';
export type { RegisteredContribution } from './describe-lens.js';
