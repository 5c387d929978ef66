import { describe, expect, it } from 'vitest';
import { main } from './plugin-errors.js';

describe('plugin errors', () => {
  it('names the plugin and the fix for each conflict', async () => {
    expect(await main()).toEqual({
      missingDependency: {
        code: 'E_PLUGIN_DEPENDENCY',
        message: 'plugin "losslens-plugin-new" needs "@losslens/data", which is not in the plugin list; add @losslens/data to createLens({ plugins })',
      },
      versionMismatch: {
        code: 'E_PLUGIN_VERSION',
        message: 'plugin "losslens-plugin-new" needs @losslens/data@^2.0.0, but version 0.1.0 is installed; install a matching version',
      },
      listedTwice: { code: 'E_PLUGIN_DUPLICATE', message: 'plugin "@losslens/data" is listed twice; remove one of them' },
      duplicateKey: {
        code: 'E_PLUGIN_DUPLICATE',
        message: 'plugin "losslens-plugin-iris" registers datasets "data/iris", already registered by "@losslens/data"; rename one of them',
      },
      badVersion: { code: 'E_PLUGIN_INVALID', message: 'plugin "losslens-plugin-x": version "one" is not semver (e.g. "1.0.0")' },
      badKey: { code: 'E_PLUGIN_INVALID', message: 'plugin "losslens-plugin-x": models key "mlp" must look like "namespace/name"' },
    });
  });
});
