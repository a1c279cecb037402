import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

type Manifest = { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

const serverDir = fileURLToPath(new URL('..', import.meta.url));

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The folders of every workspace package bundled into dist/cli.js, found through node_modules. */
function bundledWorkspacePackages(): string[] {
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    const { dependencies = {}, peerDependencies = {} } = manifest(dir);
    for (const name of Object.keys({ ...dependencies, ...peerDependencies })) {
      // The inbox and the chat widget are served as built files, not bundled code.
      if (!name.startsWith('@switchboard/') || name === '@switchboard/inbox' || name === '@switchboard/widget') continue;
      let target: string;
      try {
        target = realpathSync(join(dir, 'node_modules', name));
      } catch {
        continue; // an optional peer that is not installed beside this package
      }
      if (!seen.has(target)) {
        seen.add(target);
        visit(target);
      }
    }
  };
  visit(serverDir);
  return [...seen];
}

describe('the server package', () => {
  it('depends on every npm package the bundled workspace packages need, as dist/cli.js loads them from its node_modules', () => {
    const own = manifest(serverDir).dependencies ?? {};
    const missing: string[] = [];
    for (const dir of bundledWorkspacePackages()) {
      const pkg = manifest(dir);
      for (const [name, range] of Object.entries({ ...pkg.peerDependencies, ...pkg.dependencies })) {
        if (name.startsWith('@switchboard/')) continue;
        const mine = own[name];
        if (!mine) missing.push(`${name}@${range} (needed by ${pkg.name})`);
        else if (!semver.intersects(mine, range)) missing.push(`${name}: server has ${mine}, ${pkg.name} needs ${range}`);
      }
    }
    expect(missing, 'add these to apps/server/package.json dependencies').toEqual([]);
  });
});
