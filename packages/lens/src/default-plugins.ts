import type { Plugin } from '@losslens/core';
import { critical } from '@losslens/critical';
import { data } from '@losslens/data';
import { diagnosePlugin } from '@losslens/diagnose';
import { health } from '@losslens/health';
import { models } from '@losslens/models';
import { optim } from '@losslens/optim';
import { validate } from '@losslens/validate';

/**
 * Every built-in package as a plugin, in dependency order: data, models, optim, critical,
 * validate, health, diagnose. Nothing is loaded until a contribution is used.
 * @example
 * const lens = await createLens({ plugins: [...defaultPlugins(), mine()] });
 */
export function defaultPlugins(): Plugin[] {
  return [data(), models(), optim(), critical(), validate(), health(), diagnosePlugin()];
}
