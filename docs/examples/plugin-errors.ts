/**
 * What `createLens` refuses, and what it says: every conflict throws a PluginError naming the
 * plugin and the fix, before any work starts (never warn-and-continue).
 */
// #region main
import { PluginError, createLens, definePlugin, type Plugin } from '@losslens/core';
import { data } from '@losslens/data';

const never = () => {
  throw new Error('never called');
};
const needsData2 = () => definePlugin({ name: 'losslens-plugin-new', version: '1.0.0', dependencies: ['@losslens/data@^2.0.0'] });
const ownIris = () => definePlugin({ name: 'losslens-plugin-iris', version: '1.0.0', provides: { datasets: { 'data/iris': never } } });

/** Tries plugin lists that cannot be assembled and returns each error's code and message. */
export async function main() {
  const attempts: Record<string, () => Plugin[]> = {
    missingDependency: () => [needsData2()], // @losslens/data is not in the list
    versionMismatch: () => [data(), needsData2()], // data() is 0.1.0, not ^2.0.0
    listedTwice: () => [data(), data()],
    duplicateKey: () => [data(), ownIris()], // 'data/iris' is taken
    badVersion: () => [definePlugin({ name: 'losslens-plugin-x', version: 'one' })],
    badKey: () => [definePlugin({ name: 'losslens-plugin-x', version: '1.0.0', provides: { models: { mlp: never } } })],
  };
  const errors: Record<string, { code: string; message: string }> = {};
  for (const [label, plugins] of Object.entries(attempts)) {
    try {
      await createLens({ plugins: plugins() });
    } catch (error) {
      if (!(error instanceof PluginError)) throw error;
      errors[label] = { code: error.code, message: error.message };
    }
  }
  return errors;
}
// #endregion main
