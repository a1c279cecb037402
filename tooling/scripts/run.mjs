#!/usr/bin/env node
// @ts-check
// The README's two commands land here: `npm start` and `npm test` (and `npm run bench`). On a
// fresh machine with only Node.js and git it fetches pnpm through npx, installs the workspace,
// then runs the task, so nobody has to install anything by hand.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const [task = 'test', ...rest] = process.argv.slice(2);

/** @returns {string[]} */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/** @param {string[]} command @param {string[]} args */
function run(command, args) {
  const [bin, ...pre] = command;
  const result = spawnSync(/** @type {string} */ (bin), [...pre, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// nats-server backs the embedded defaults and the integration tests; Chromium the browser tests;
// Dovecot the email channel's IMAP tests.
const systemPackages = task === 'test' ? ['nats-server', 'chromium', 'dovecot-imapd'] : task === 'start' ? ['nats-server'] : [];
if (systemPackages.length > 0) run(['bash'], [join(root, 'tooling/scripts/ensure-system-packages.sh'), ...systemPackages]);

const pnpm = pnpmCommand();
run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline']);

if (task === 'start') {
  run(pnpm, ['--filter', '@switchboard/inbox', '--filter', '@switchboard/widget', '--filter', '@switchboard/server', 'run', 'build']);
  const child = spawn(process.execPath, [join(root, 'apps/server/dist/cli.js'), 'start', ...rest], { stdio: 'inherit' });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (task === 'test') {
  run(['node'], [join(root, 'tooling/scripts/check-boundaries.mjs')]);
  // The browser tests drive the built inbox and the built chat widget; one CLI test the built server.
  run(pnpm, ['--filter', '@switchboard/inbox', '--filter', '@switchboard/widget', '--filter', '@switchboard/server', 'run', 'build']);
  run(pnpm, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  const report = join(tmpdir(), `switchboard-vitest-${process.pid}.json`);
  const vitest = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    // One closing line any CI can read.
    console.log(`\ntests: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`);
    rmSync(report, { force: true });
  } catch {
    console.log('\ntests: 0 passed, 1 failed');
  }
  process.exit(vitest.status ?? 1);
} else if (task === 'bench') {
  run(pnpm, ['--filter', '@switchboard/server', 'run', 'bench', ...rest]);
} else {
  console.error(`unknown task "${task}"; use start, test or bench`);
  process.exit(2);
}
