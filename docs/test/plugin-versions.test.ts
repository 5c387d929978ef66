/**
 * Plugin versions come from each package's package.json, and the dependency ranges the guide
 * teaches survive a release: the pending changesets are applied with `changeset version` in a
 * temporary copy of the workspace's manifests, and every range must still match.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folders = ['packages', 'apps'].flatMap((group) => readdirSync(join(root, group)).map((name) => join(group, name))).filter((f) => existsSync(join(root, f, 'package.json')));
const manifest = (base: string, folder: string) => JSON.parse(readFileSync(join(base, folder, 'package.json'), 'utf8')) as { name: string; version: string };

/** Every `@losslens/<pkg>@<range>` a plugin author is shown: the guide pages, their examples, the plugin fixture. */
function taughtRanges(): { name: string; range: string; where: string }[] {
  const files = [
    ...readdirSync(join(root, 'docs', 'guide')).map((f) => join('docs', 'guide', f)),
    ...readdirSync(join(root, 'docs', 'examples')).map((f) => join('docs', 'examples', f)),
    join('apps', 'cli', 'test', 'fixtures', 'losslens-plugin-sensors', 'index.js'),
  ];
  return files.flatMap((where) =>
    [...readFileSync(join(root, where), 'utf8').matchAll(/(@losslens\/[a-z-]+)@([^'"`\s),]+)/g)]
      .filter((m) => !/\$\{/.test(m[2]!) && !/^\^2/.test(m[2]!)) // template examples and the guide's deliberate mismatch
      .map((m) => ({ name: m[1]!, range: m[2]!, where })),
  );
}

describe('plugin versions', () => {
  it('each plugin package\'s src/version.ts is its package.json version (scripts/sync-versions.mjs)', () => {
    for (const folder of folders.filter((f) => existsSync(join(root, f, 'src', 'plugin.ts')))) {
      const { version } = manifest(root, folder);
      expect(readFileSync(join(root, folder, 'src', 'version.ts'), 'utf8'), folder).toContain(`export const packageVersion = '${version}';`);
    }
  });

  it('the guide teaches ranges that match today\'s versions and the versions after `changeset version`', () => {
    const ranges = taughtRanges();
    expect(ranges.length).toBeGreaterThan(2);
    const temp = mkdtempSync(join(tmpdir(), 'losslens-bump-'));
    try {
      for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(temp, file));
      cpSync(join(root, '.changeset'), join(temp, '.changeset'), { recursive: true });
      for (const folder of [...folders, 'docs']) {
        mkdirSync(join(temp, folder), { recursive: true });
        cpSync(join(root, folder, 'package.json'), join(temp, folder, 'package.json'));
      }
      execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: temp, stdio: 'pipe' });
      execFileSync(process.execPath, [join(root, 'scripts', 'sync-versions.mjs'), temp], { stdio: 'pipe' });
      const before = new Map(folders.map((f) => [manifest(root, f).name, manifest(root, f).version]));
      const after = new Map(folders.map((f) => [manifest(temp, f).name, manifest(temp, f).version]));
      expect([...after.values()]).not.toEqual([...before.values()]); // the pending changesets bump something
      for (const { name, range, where } of ranges) {
        expect(semver.satisfies(before.get(name)!, range), `${where}: ${name}@${range} vs ${before.get(name)}`).toBe(true);
        expect(semver.satisfies(after.get(name)!, range), `${where}: ${name}@${range} vs ${after.get(name)} after the bump`).toBe(true);
      }
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
