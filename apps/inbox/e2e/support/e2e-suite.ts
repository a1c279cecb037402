import { launchBrowser, type TestBrowser, type WatchedPage } from '@switchboard/browser-testing';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startInboxHost, type InboxHost } from './inbox-host';
import type { TestChannel } from './test-channel';
import { DESKTOP } from './viewports';

export { DESKTOP, PHONE } from './viewports';

/** How long a single UI wait may take before the test fails (no test sleeps for a fixed time). */
export const UI_TIMEOUT_MS = 10_000;

/**
 * One real host and one Chromium for a test file. Each test opens its own browser context with
 * `open()`; after each test every page it opened must be clean (no console errors, page errors,
 * or HTTP ≥ 400 answers: `assertClean()`), then its contexts close.
 *
 * @example
 * const suite = inboxSuite([sms]);
 * it('…', async () => { const { page } = await suite.open(); await signIn(page, suite.host.url); });
 */
export function inboxSuite(channels: readonly TestChannel[]) {
  let host: InboxHost | undefined;
  let browser: TestBrowser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    [host, browser] = await Promise.all([startInboxHost(channels), launchBrowser()]);
  });
  afterEach(async () => {
    try {
      browser?.assertClean();
    } finally {
      for (const w of opened.splice(0)) {
        await w.context.close().catch(() => undefined);
        // Reported and judged above; the next test starts with a clean record.
        w.errors.length = 0;
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  return {
    get host(): InboxHost {
      if (!host) throw new Error('the test host is not running (beforeAll failed?)');
      return host;
    },
    /** A fresh browser context (own storage, so its own session) with one watched page. */
    async open(options: BrowserContextOptions = {}): Promise<WatchedPage> {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      const watched = await browser.open({ viewport: DESKTOP, ...options });
      watched.page.setDefaultTimeout(UI_TIMEOUT_MS);
      opened.push(watched);
      return watched;
    },
  };
}
