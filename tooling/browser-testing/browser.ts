import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where Debian's Chromium lives; `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A page that records console errors and uncaught exceptions, so a test can fail on them. */
export type WatchedPage = { page: Page; context: BrowserContext; errors: string[] };

/**
 * Launches headless Chromium for end-to-end tests. Every page opened through it collects console
 * errors and page errors; `assertClean` throws listing them, so a test fails on any.
 *
 * @example
 * const browser = await launchBrowser();
 * const { page } = await browser.open({ viewport: { width: 390, height: 844 } });
 * await page.goto(host.url);
 * browser.assertClean();
 * await browser.close();
 */
export async function launchBrowser(options: { args?: string[] } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}; install it with \`sudo apt-get install -y chromium\` (.ci/run does this)`);
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...ARGS, ...(options.args ?? [])] });
  const watched: WatchedPage[] = [];
  return {
    browser,
    async open(contextOptions: BrowserContextOptions = {}): Promise<WatchedPage> {
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
      // Console errors about failed loads do not name the URL; the response does.
      page.on('response', (res) => {
        if (res.status() >= 400) errors.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
      });
      const entry = { page, context, errors };
      watched.push(entry);
      return entry;
    },
    /** Throws when any page logged a console error or threw. */
    assertClean(): void {
      const all = watched.flatMap((w) => w.errors);
      if (all.length > 0) throw new Error(`the browser reported errors:\n${all.join('\n')}`);
    },
    async close(): Promise<void> {
      await browser.close();
    },
  };
}

/** A launched browser. */
export type TestBrowser = Awaited<ReturnType<typeof launchBrowser>>;
