import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { signIn } from './support/inbox-host';
import { createTestChannel } from './support/test-channel';

const sms = createTestChannel('channel-sms', 'phone');

const LIGHT_BG = 'rgb(246, 246, 247)';
const DARK_BG = 'rgb(14, 15, 18)';

describe('the inbox theme', () => {
  const suite = inboxSuite([sms]);

  it('follows the system scheme until the agent picks light or dark, and keeps the choice after a reload', async () => {
    const { page } = await suite.open({ colorScheme: 'dark' });
    await signIn(page, suite.host.url, '/all');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // "System" on a dark system: dark.
    expect(await background()).toBe(DARK_BG);

    const pick = async (name: 'System' | 'Light' | 'Dark') => {
      await page.getByRole('button', { name: /^Account menu for / }).click();
      await page.getByRole('menuitemradio', { name }).click();
    };
    await pick('Light');
    expect(await background()).toBe(LIGHT_BG);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await background()).toBe(LIGHT_BG);

    await pick('System');
    expect(await background()).toBe(DARK_BG);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe(LIGHT_BG);

    await pick('Dark');
    expect(await background()).toBe(DARK_BG);
  });
});
