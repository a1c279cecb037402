import { describe, expect, it } from 'vitest';
import { expectPageErrors } from '../../inbox/e2e/support/inbox-host';
import { SITE_KEYS } from './support/widget-host';
import { widgetSuite } from './support/widget-suite';

/** What Chromium reports when the chat server gives a page's origin no CORS answer (and the loader's own error). */
const REFUSED_CONFIG = [/blocked by CORS policy/, /net::ERR_FAILED/, /widget config refused \(CORS\); is this origin allowed\?/];

describe('a site the widget does not allow', () => {
  const suite = widgetSuite();

  it('gets no launcher: the server refuses it the widget’s config', async () => {
    const watched = await suite.open();
    const { page } = watched;
    await expectPageErrors(watched, REFUSED_CONFIG, async () => {
      await page.goto(suite.site.unlistedUrl('page=home'));
      await page.getByRole('heading', { name: 'Tents, packs and boots' }).waitFor();
    });
    expect(await page.locator('switchboard-chat').count()).toBe(0);
    expect(await page.evaluate(() => Array.isArray((window as unknown as { SwitchboardChat: unknown }).SwitchboardChat))).toBe(true);
  });

  it('cannot frame the chat itself: the browser refuses it (frame-ancestors)', async () => {
    const watched = await suite.open();
    const { page } = watched;
    await expectPageErrors(watched, [...REFUSED_CONFIG, /violates the following Content Security Policy directive: "frame-ancestors/], async () => {
      await page.goto(suite.site.unlistedUrl('page=home'));
      await page.evaluate((src) => {
        const frame = document.createElement('iframe');
        frame.title = 'stolen chat';
        frame.src = src;
        document.body.append(frame);
      }, `${suite.host.url}/plugins/channel-webchat/app/index.html?site_key=${SITE_KEYS.main}#origin=${encodeURIComponent(new URL(suite.site.unlistedUrl()).origin)}`);
      await page.locator('iframe[title="stolen chat"]').waitFor();
    });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame?.url()).not.toContain('/plugins/channel-webchat/app/');
  });
});
