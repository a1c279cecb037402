import { describe, expect, it } from 'vitest';
import { inboxSuite, PHONE } from './support/e2e-suite';
import { signIn } from './support/inbox-host';
import { eventually, inboxPage } from './support/inbox-page';
import { createTestChannel } from './support/test-channel';

const whatsapp = createTestChannel('channel-whatsapp', 'phone');

describe('the inbox on a phone', () => {
  const suite = inboxSuite([whatsapp]);

  it('goes from the list to a conversation and back on a 390×844 screen', async () => {
    const { page } = await suite.open({ viewport: PHONE, isMobile: true, hasTouch: true });
    const inbox = inboxPage(page);
    await whatsapp.write({ identity: '+15550121', name: 'Mateo Rossi' }, 'Hi! Can I return shoes bought online in a store?');
    await whatsapp.write({ identity: '+15550122', name: 'Aisha Bello' }, 'Is there parking near the Elm Street shop?');
    await signIn(page, suite.host.url, '/all');

    // The list fills the screen; no conversation is shown beside it.
    const row = inbox.row(/return shoes bought online/);
    await row.waitFor();
    expect(await inbox.list.isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'No conversation open' }).isVisible()).toBe(false);
    const rowBox = await row.boundingBox();
    expect(rowBox?.width).toBeGreaterThan(PHONE.width * 0.8);

    // Tap a row: the conversation takes the screen, with a way back.
    await row.tap();
    await inbox.messages('return shoes bought online').waitFor();
    const back = page.getByRole('button', { name: 'Back to the list' });
    await back.waitFor();
    expect(await inbox.list.isVisible()).toBe(false);
    await inbox.reply.waitFor();
    const replyBox = await inbox.reply.boundingBox();
    expect(replyBox && replyBox.x >= 0 && replyBox.x + replyBox.width <= PHONE.width).toBe(true);
    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // A reply works from the phone too.
    await inbox.reply.fill('Yes, any store within 30 days with the receipt email.');
    await page.getByRole('button', { name: 'Send' }).tap();
    await inbox.messages('any store within 30 days').getByRole('img', { name: 'Sent' }).waitFor();

    // Back to the list, which still has both conversations.
    await back.tap();
    await inbox.list.waitFor();
    expect(inbox.path()).toBe('/all');
    await inbox.row(/any store within 30 days/).waitFor();
    await inbox.row(/parking near the Elm Street shop/).waitFor();
    await eventually(() => inbox.timeline.count()).toBe(0);

    // The contact details open over the conversation and close again.
    await inbox.row(/parking near the Elm Street shop/).tap();
    await page.getByRole('button', { name: 'Contact details' }).tap();
    const contact = page.getByRole('complementary', { name: 'Contact' });
    await contact.getByRole('heading', { name: 'Aisha Bello' }).waitFor();
    expect(await contact.isVisible()).toBe(true);
    await contact.getByRole('button', { name: 'Close contact details' }).tap();
    await contact.waitFor({ state: 'hidden' });
  });
});
