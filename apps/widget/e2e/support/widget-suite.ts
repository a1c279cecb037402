import { launchBrowser, type TestBrowser, type WatchedPage } from '@switchboard/browser-testing';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TestChannel } from '../../../inbox/e2e/support/test-channel';
import { startWidgetHost, type WidgetHost } from './widget-host';

/** How long a single UI wait may take before the test fails (no test sleeps for a fixed time). */
export const UI_TIMEOUT_MS = 10_000;

/** The desktop viewport unless a test asks for another. */
export const DESKTOP = { width: 1440, height: 900 } as const;

/** Records what a page reports as wrong, like `@switchboard/browser-testing` does for a context's first page. */
function watch(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
  });
}

/**
 * One demo site, one real host and one Chromium for a test file. Each test opens browser
 * contexts (a visitor, an agent) with `open()` and more tabs with `tab()`; after each test every
 * page must be clean (no console errors, page errors or HTTP ≥ 400 answers), then they close.
 *
 * @example
 * const suite = widgetSuite();
 * it('…', async () => { const visitor = await suite.open(); await visitor.page.goto(suite.site.url()); });
 */
export function widgetSuite(channels: readonly TestChannel[] = []) {
  let running: WidgetHost | undefined;
  let browser: TestBrowser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    [running, browser] = await Promise.all([startWidgetHost(channels), launchBrowser()]);
  });
  afterEach(async () => {
    try {
      browser?.assertClean();
    } finally {
      for (const w of opened.splice(0)) {
        await w.context.close().catch(() => undefined);
        w.errors.length = 0;
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const need = () => {
    if (!running) throw new Error('the test host is not running (beforeAll failed?)');
    return running;
  };
  return {
    get host() {
      return need().host;
    },
    get site() {
      return need().site;
    },
    /** A fresh browser context (own storage: another browser, another person) with one watched page. */
    async open(options: BrowserContextOptions = {}): Promise<WatchedPage> {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      const watched = await browser.open({ viewport: DESKTOP, ...options });
      watched.page.setDefaultTimeout(UI_TIMEOUT_MS);
      opened.push(watched);
      return watched;
    },
    /** Another tab of the same browser (shared storage), watched like the first. */
    async tab(watched: WatchedPage): Promise<Page> {
      const page = await watched.context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      watch(page, watched.errors);
      return page;
    },
  };
}
