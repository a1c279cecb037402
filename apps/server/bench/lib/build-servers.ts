import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = join(benchDir, '..');

/** Where {@link buildBenchServers} writes the bundled servers (git-ignored; rebuilt on every run). */
export const BENCH_BUILD_DIR = join(benchDir, '.build');

let built: Promise<void> | null = null;

/**
 * Bundles the servers under test (`bench/servers/*.ts`) and the core's writer-thread entry the
 * way `dist/cli.js` is built (tsup, ESM, the workspace packages bundled, npm packages external), so
 * the bench measures the code that ships rather than sources transpiled on the fly by tsx (whose
 * transform keeps function names with a call per closure and adds a loader to every thread).
 * Built once per bench run, into {@link BENCH_BUILD_DIR}.
 *
 * @example
 * await buildBenchServers();
 * spawn(process.execPath, [join(BENCH_BUILD_DIR, 'floor-server.js')]);
 */
export function buildBenchServers(): Promise<void> {
  built ??= (async () => {
    const servers = readdirSync(join(benchDir, 'servers')).filter((f) => f.endsWith('.ts') && f !== 'harness-ipc.ts');
    const entry: Record<string, string> = { 'core-writer': join(serverDir, 'src/core-writer.ts') };
    for (const file of servers) entry[file.replace(/\.ts$/, '')] = join(benchDir, 'servers', file);
    await build({
      entry,
      outDir: BENCH_BUILD_DIR,
      format: ['esm'],
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      clean: true,
      dts: false,
      silent: true,
      config: false,
      tsconfig: join(benchDir, 'tsconfig.json'),
      noExternal: [/^@switchboard\//],
      external: [/^(?!@switchboard\/)(?!node:)[^./]/],
    });
  })();
  return built;
}
