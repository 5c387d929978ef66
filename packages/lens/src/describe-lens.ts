import { contributionKinds, type ContributionKind, type Lens } from '@losslens/core';

/** One registered contribution: what it is, its key, and the plugin (and version) that gave it. */
export interface RegisteredContribution {
  kind: ContributionKind;
  key: string;
  plugin: string;
  version: string;
}

/**
 * Everything a lens has registered, kind by kind, with its owner (what `losslens plugins` lists).
 * @example
 * for (const c of describeLens(lens)) console.log(c.kind, c.key, c.plugin);
 */
export function describeLens(lens: Lens): RegisteredContribution[] {
  const versions = new Map(lens.plugins.map((p) => [p.name, p.version]));
  return contributionKinds.flatMap((kind) =>
    lens[kind].keys().map((key) => {
      const plugin = lens[kind].owner(key) ?? '';
      return { kind, key, plugin, version: versions.get(plugin) ?? '' };
    }),
  );
}
