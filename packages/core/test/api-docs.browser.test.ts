import { launchBrowser, type TestBrowser } from '@switchboard/browser-testing';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';

describe('rendered API docs in a real browser', () => {
  let host: TestHost;
  let browser: TestBrowser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows every tag of the API with its operations, offline, without errors', async () => {
    const { page } = await browser.open();
    await page.goto(`${host.url}/`);
    expect(new URL(page.url()).pathname).toBe('/api/docs');
    await page.getByText('Switchboard API').first().waitFor();
    for (const tag of ['auth', 'conversations', 'contacts', 'agents', 'attachments', 'realtime']) {
      await page.locator(`#operations-tag-${tag}`).waitFor();
    }
    await page.getByText('/api/v1/conversations/{id}/messages').first().waitFor();
    browser.assertClean();
  });
});
