import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import type { WatchedPage } from '@switchboard/browser-testing';
import type { Page } from 'playwright-core';
import type { TestChannel } from './test-channel';

/** The admin every test host creates. */
export const ADMIN = { email: 'admin@example.com', password: 'test-admin-password' } as const;

/** The production build of the inbox the tests drive (`pnpm --filter @switchboard/inbox build`). */
export const INBOX_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

/**
 * The built inbox's folder; throws with the command to run when there is no build, so a missing
 * build never looks like a broken page. When the sources changed after the build it warns (once):
 * the tests then drive the code as it was built.
 *
 * @example
 * const inboxDir = requireInboxBuild();
 */
export function requireInboxBuild(): string {
  const build = `Run \`pnpm --filter @switchboard/inbox build\` first (\`npm test\` does).`;
  const index = join(INBOX_DIST, 'index.html');
  if (!existsSync(index)) throw new Error(`no inbox build at ${INBOX_DIST}: the end-to-end tests drive the production build. ${build}`);
  const newer = newestSource(join(INBOX_DIST, '..'), statSync(index).mtimeMs);
  if (newer && !warnedStale) {
    warnedStale = true;
    console.warn(`warning: the inbox build in ${INBOX_DIST} is older than ${newer}; the tests drive the code as it was built. ${build}`);
  }
  return INBOX_DIST;
}
let warnedStale = false;

/** A source file of the inbox changed after `builtAt`, if any (tests and their fixtures are not built). */
function newestSource(app: string, builtAt: number): string | null {
  const files = ['index.html', 'vite.config.ts', 'package.json'].map((f) => join(app, f));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(path);
      } else if (!/\.test\.tsx?$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  walk(join(app, 'src'));
  walk(join(app, 'public'));
  const changed = files.find((f) => existsSync(f) && statSync(f).mtimeMs > builtAt);
  return changed ? relative(app, changed) : null;
}

/**
 * The test host of `@switchboard/plugin-sdk/testing` (the core's, loaded at run time, so this
 * program never typechecks the core's sources), with the path of its libSQL file.
 */
export type InboxHost = TestHost & { databaseUrl: string };

/**
 * A real Switchboard (its own nats-server and libSQL file) serving the built inbox at `/`, with
 * the given test channels enabled and quick delivery retries.
 *
 * @example
 * const sms = createTestChannel('channel-sms', 'phone');
 * const host = await startInboxHost([sms]);
 */
export async function startInboxHost(channels: readonly TestChannel[]): Promise<InboxHost> {
  const host = await startTestHost({
    inboxDir: requireInboxBuild(),
    plugins: channels.map((c) => ({ definition: c.definition })),
    delivery: { maxAttempts: 4, backoffMs: [100, 200, 400] },
  });
  const { databaseUrl } = host as Partial<InboxHost>;
  if (typeof databaseUrl !== 'string') throw new Error('the test host does not report its databaseUrl (an older @switchboard/core?)');
  return Object.assign(host, { databaseUrl });
}

/**
 * Signs in through the sign-in page as the admin and waits for the signed-in app.
 *
 * @example
 * await signIn(page, host.url, '/all');
 */
export async function signIn(page: Page, baseUrl: string, path = '/all'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Runs `action`, which is expected to make the page report exactly the listed kinds of errors
 * (a 401 after a session was revoked, a wrong password): each pattern must match a new error,
 * and those errors are taken off the page's record so `assertClean()` still catches everything
 * else. Chromium logs "Failed to load resource" a moment after the response, so this waits (up
 * to a few seconds) until every expected report is in.
 *
 * @example
 * await expectPageErrors(watched, [/HTTP 401 for POST .*\/auth\/login/, /status of 401/], async () => { ... });
 */
export async function expectPageErrors(watched: WatchedPage, patterns: readonly RegExp[], action: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const before = watched.errors.length;
  await action();
  const missing = () => patterns.filter((p) => !watched.errors.slice(before).some((e) => p.test(e)));
  const deadline = Date.now() + timeoutMs;
  while (missing().length > 0 && Date.now() < deadline) {
    // A round trip to the page lets pending console and network events arrive.
    await watched.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  const fresh = watched.errors.splice(before);
  const stillMissing = patterns.filter((p) => !fresh.some((e) => p.test(e)));
  // Whatever was not expected goes back, so the test still fails on it.
  watched.errors.push(...fresh.filter((e) => !patterns.some((p) => p.test(e))));
  if (stillMissing.length > 0) throw new Error(`expected the page to report ${stillMissing.join(', ')}; it reported:\n${fresh.join('\n') || 'nothing'}`);
}
