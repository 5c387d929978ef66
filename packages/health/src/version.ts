/** @losslens/health's version, written from its package.json by scripts/sync-versions.mjs (do not edit). */
export const packageVersion = '0.1.0';
