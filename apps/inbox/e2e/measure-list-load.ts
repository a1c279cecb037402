// `pnpm --filter @switchboard/inbox measure:list`: how long an agent waits, on a database of
// 10,000 open conversations, from navigating to the inbox (already signed in) until the first rows
// of the conversation list are on screen and take a click. Seeds the conversations the way
// customers create them (a channel's recordInbound, many at once), measures in Debian's Chromium
// against the real server, and writes docs/performance.md with the inbox's bundle size.
// Flags: --conversations=<n> (10000) --runs=<n> (5) --view=all|unassigned|mine (all) --out=<file>.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type TestBrowser } from '@switchboard/browser-testing';
import { DESKTOP } from './support/viewports';
import { startInboxHost, type InboxHost } from './support/inbox-host';
import { demoCustomer, inParallel } from './support/seed';
import { createTestChannel } from './support/test-channel';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const flags = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const m = /^--([a-z]+)=(.+)$/.exec(arg);
    if (!m) throw new Error(`measure-list-load: unknown argument ${arg}; use --conversations=<n> --runs=<n> --view=all|unassigned|mine --out=<file>`);
    return [m[1]!, m[2]!];
  }),
);
const CONVERSATIONS = Number(flags.conversations ?? 10_000);
const RUNS = Number(flags.runs ?? 5);
const VIEW = flags.view ?? 'all';
const OUT = resolve(flags.out ?? join(repo, 'docs/performance.md'));

/** What the page records about itself, in ms since navigation start (performance.now()). */
type PageTimes = { firstRow: number | null; firstRowPainted: number | null; firstNamedRow: number | null; clickHandled: number | null; listRequestMs: number | null; rows: number };
type Run = PageTimes & { conversationShown: number };

// Runs in the page before any of its scripts: notes when the first list row appears, when it is
// painted, when a row showing its contact's name is painted, and when the page handles a click.
const OBSERVER = () => {
  const times = { firstRow: null as number | null, firstRowPainted: null as number | null, firstNamedRow: null as number | null, clickHandled: null as number | null };
  (window as unknown as { __listTimes: typeof times }).__listTimes = times;
  let named = false;
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('[role="listbox"] [role="option"]');
    if (rows.length === 0) return;
    if (times.firstRow === null) {
      times.firstRow = performance.now();
      // After the next frame has been produced: the row is on screen.
      requestAnimationFrame(() => setTimeout(() => (times.firstRowPainted = performance.now()), 0));
    }
    if (!named && [...rows].some((r) => !(r.getAttribute('aria-label') ?? '').startsWith('Conversation'))) {
      named = true;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (times.firstNamedRow = performance.now()), 0));
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
  document.addEventListener('click', () => (times.clickHandled ??= performance.now()), { capture: true });
};

async function seed(host: InboxHost, channels: Parameters<typeof demoCustomer>[1]): Promise<number> {
  const started = performance.now();
  await inParallel(
    CONVERSATIONS,
    200,
    (i) => {
      const { channel, customer, text } = demoCustomer(i, channels);
      return channel.write(customer, text);
    },
    (done) => console.error(`measure-list-load: ${done} of ${CONVERSATIONS} conversations seeded`),
  );
  const res = await host.request('/api/v1/conversations?limit=1&status=open');
  if (!res.ok) throw new Error(`could not list conversations: ${res.status}`);
  return (performance.now() - started) / 1000;
}

async function measureOnce(browser: TestBrowser, host: InboxHost): Promise<Run> {
  const { page, context } = await browser.open({ viewport: DESKTOP });
  try {
    // Signed in already, the way a returning agent's tab is.
    const session = JSON.stringify({ token: host.adminToken, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await context.addInitScript((value) => sessionStorage.setItem('switchboard.session', value), session);
    await context.addInitScript(OBSERVER);
    await page.goto(`${host.url}/${VIEW}`, { waitUntil: 'commit' });
    const firstRow = page.getByRole('listbox', { name: /conversations$/ }).getByRole('option').first();
    // Playwright clicks as soon as the row is visible, stable and receives pointer events.
    await firstRow.click({ timeout: 60_000 });
    await page.getByRole('log', { name: 'Conversation timeline' }).getByRole('article').first().waitFor({ timeout: 60_000 });
    const conversationShown = await page.evaluate(() => performance.now());
    const times = await page.evaluate(() => {
      const t = (window as unknown as { __listTimes: Omit<PageTimes, 'listRequestMs' | 'rows'> }).__listTimes;
      const list = performance.getEntriesByType('resource').find((e) => /\/api\/v1\/conversations\?/.test(e.name)) as PerformanceResourceTiming | undefined;
      return { ...t, listRequestMs: list ? list.responseEnd - list.requestStart : null, rows: document.querySelectorAll('[role="listbox"] [role="option"]').length };
    });
    browser.assertClean();
    return { ...times, conversationShown };
  } finally {
    await context.close();
  }
}

function stats(values: number[]): { median: number; max: number; min: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, max: sorted[sorted.length - 1]!, min: sorted[0]! };
}

function bundleReport(): string {
  try {
    return execFileSync(process.execPath, [join(repo, 'apps/inbox/scripts/measure-bundle.mjs')], { encoding: 'utf8' }).trim();
  } catch (err) {
    const out = (err as { stdout?: string }).stdout ?? '';
    return `${out.trim()}\n(measure-bundle.mjs exited non-zero: over budget or no build)`;
  }
}

function chromiumVersion(browser: TestBrowser): string {
  return browser.browser.version();
}

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)} ms`);

async function main(): Promise<void> {
  const sms = createTestChannel('channel-sms', 'phone');
  const whatsapp = createTestChannel('channel-whatsapp', 'phone');
  const webchat = createTestChannel('channel-webchat', 'email');
  console.error(`measure-list-load: starting a host and seeding ${CONVERSATIONS} conversations…`);
  const host = await startInboxHost([sms, whatsapp, webchat]);
  let browser: TestBrowser | null = null;
  try {
    const seedSeconds = await seed(host, [sms, whatsapp, webchat]);
    console.error(`measure-list-load: seeded in ${seedSeconds.toFixed(1)} s; measuring ${RUNS} runs in Chromium…`);
    browser = await launchBrowser();
    // One run to warm the server's and the database's caches, reported apart.
    // Other work on the machine skews every number: say how busy it was.
    const loadBefore = loadavg()[0]!;
    const warmup = await measureOnce(browser, host);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measureOnce(browser, host);
      console.error(`measure-list-load: run ${i + 1}: first row painted ${ms(run.firstRowPainted)}, click handled ${ms(run.clickHandled)}`);
      runs.push(run);
    }
    const loadAfter = loadavg()[0]!;
    const column = (pick: (r: Run) => number | null) => stats(runs.map(pick).filter((n): n is number => n !== null));
    const painted = column((r) => r.firstRowPainted);
    const clicked = column((r) => r.clickHandled);
    const named = column((r) => r.firstNamedRow);
    const opened = column((r) => r.conversationShown);
    const request = column((r) => r.listRequestMs);
    const facts = {
      cpu: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'})`,
      memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      os: `${platform()} ${release()}`,
      node: process.version,
      chromium: chromiumVersion(browser),
    };
    const bundle = bundleReport();
    const markdown = `# Inbox performance

Measured ${new Date().toISOString()} on this machine; every number below comes from that run. Re-run with:

\`\`\`sh
pnpm --filter @switchboard/inbox measure:list   # builds the inbox, seeds, measures, rewrites this file
\`\`\`

**Machine:** ${facts.cpu}, ${facts.memory} RAM, ${facts.os}; Node ${facts.node}; Chromium ${facts.chromium} (headless). Server, nats-server, libSQL file and browser all on the same machine; load average (1 min) ${loadBefore.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after.

## Time to a usable conversation list, ${CONVERSATIONS.toLocaleString('en-US')} conversations

A real server (libSQL file, embedded nats-server) with ${CONVERSATIONS.toLocaleString('en-US')} open conversations, each from its own
customer over SMS, WhatsApp and web chat test channels, none assigned yet, seeded through the channels'
\`recordInbound\` (${seedSeconds.toFixed(0)} s, 200 customers writing at once). Each run is a fresh browser context (no cache), already
signed in, navigating to \`/${VIEW}\` at ${DESKTOP.width}×${DESKTOP.height}; times are from navigation start (\`performance.now()\` in the page).
One warm-up run first (not counted: first row painted ${ms(warmup.firstRowPainted)}, click handled ${ms(warmup.clickHandled)}), then ${RUNS} runs:

| from navigation to … | median | max | min |
| --- | ---: | ---: | ---: |
| first rows painted | ${ms(painted.median)} | ${ms(painted.max)} | ${ms(painted.min)} |
| **a click on the first row handled** (visible, stable, interactive) | **${ms(clicked.median)}** | **${ms(clicked.max)}** | ${ms(clicked.min)} |
| first row showing its contact's name painted | ${ms(named.median)} | ${ms(named.max)} | ${ms(named.min)} |
| that conversation open, its messages shown | ${ms(opened.median)} | ${ms(opened.max)} | ${ms(opened.min)} |
| of which: \`GET /api/v1/conversations\` (first page), request to response end | ${ms(request.median)} | ${ms(request.max)} | ${ms(request.min)} |

The list renders only the rows on screen (${runs[0]?.rows ?? '?'} rows in the DOM of ${CONVERSATIONS.toLocaleString('en-US')}) and loads further pages as the agent
scrolls. "A click handled" is when the page received Playwright's click on the first row, which
Playwright sends once the row is visible, stable and hit-testable: the moment an agent could use
the list. The row's contact name may come a moment later than the row itself.

| run | first rows painted | click handled | first name shown | conversation shown |
| ---: | ---: | ---: | ---: | ---: |
${runs.map((r, i) => `| ${i + 1} | ${ms(r.firstRowPainted)} | ${ms(r.clickHandled)} | ${ms(r.firstNamedRow)} | ${ms(r.conversationShown)} |`).join('\n')}

## Initial JavaScript

\`node apps/inbox/scripts/measure-bundle.mjs\` (budget: 250 KB gzipped, issue #3), on the build measured above:

\`\`\`
${bundle}
\`\`\`
`;
    writeFileSync(OUT, markdown);
    console.log(markdown);
    console.error(`measure-list-load: written to ${relative(process.cwd(), OUT)}`);
  } finally {
    await browser?.close();
    await host.stop();
  }
}

main().catch((err: unknown) => {
  console.error('measure-list-load failed:', err);
  process.exitCode = 1;
});
