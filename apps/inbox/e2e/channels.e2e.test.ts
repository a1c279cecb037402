import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { signIn } from './support/inbox-host';
import { eventually, inboxPage } from './support/inbox-page';
import { createTestChannel } from './support/test-channel';

// WhatsApp knows people by their WhatsApp number (and vouches for the phone behind it); the SMS
// line can write to any phone number; the web chat passes what visitors type as hints.
const whatsapp = createTestChannel('channel-whatsapp-cloud', 'whatsapp', { accounts: [{ id: 'wa-main', label: 'WhatsApp Support', identityType: 'whatsapp', replyWindowHours: 24 }] });
const sms = createTestChannel('channel-sms', 'phone', { accounts: [{ id: 'line-1', label: 'Support line', identityType: 'phone', replyWindowHours: null }] });
const webchat = createTestChannel('channel-webchat-test', 'web_visitor');

describe('one customer, several channels', () => {
  const suite = inboxSuite([whatsapp, sms, webchat]);

  it('shows what a customer shared, and replies by SMS on a leg opened from "Reply via"', async () => {
    const nora = { identity: '+15550161', name: 'Nora Castillo' };
    const { conversationId } = await whatsapp.write(nora, '', {
      account: 'wa-main',
      verified: [{ type: 'phone', value: nora.identity }],
      content: { location: { latitude: 52.520008, longitude: 13.404954, name: 'Alexanderplatz', address: '10178 Berlin' } },
    });
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    await signIn(page, suite.host.url, `/all/${conversationId}`);

    // The place is a card linking to OpenStreetMap, and the list previews it.
    const place = inbox.timeline.getByRole('link', { name: 'Location Alexanderplatz on OpenStreetMap' });
    await place.waitFor();
    expect(await place.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=52.520008&mlon=13.404954#map=17/52.520008/13.404954');
    await inbox.row(/📍 Alexanderplatz/).waitFor();

    // "Reply via" offers the WhatsApp leg and a new SMS leg to the number WhatsApp verified.
    const via = page.getByRole('combobox', { name: 'Reply via' });
    await eventually(() => via.locator('option').allTextContents()).toEqual(['WhatsApp · WhatsApp Support · +15550161', 'SMS · Support line · +15550161 (new)']);
    await via.selectOption({ label: 'SMS · Support line · +15550161 (new)' });
    await inbox.reply.fill('I will text you the pickup code.');
    await inbox.reply.press('Enter');

    const delivered = await sms.waitForDelivery((d) => d.message.text === 'I will text you the pickup code.');
    expect(delivered.leg).toMatchObject({ channel: 'channel-sms', account: 'line-1', thread: nora.identity });
    expect(whatsapp.delivered.some((d) => d.message.text === 'I will text you the pickup code.')).toBe(false);
    await inbox.messages('I will text you the pickup code').getByRole('img', { name: 'Sent' }).waitFor();
    // The new leg is now one of the conversation's, and stays the choice.
    await eventually(() => via.locator('option').allTextContents()).toEqual(['WhatsApp · WhatsApp Support · +15550161', 'SMS · Support line · +15550161']);
    expect(await via.locator('option:checked').textContent()).toBe('SMS · Support line · +15550161');
  });

  it('shows numbers a visitor typed as unverified details and suggests the contacts who have them: Dismiss one, Merge the other', async () => {
    const viaMail = await sms.write({ identity: '+15550162', name: 'Jonas Berg' }, 'Texting about order 8812.');
    // Someone else whose number the visitor also gives (a colleague's): the agent dismisses that one.
    await sms.write({ identity: '+15550163', name: 'Mia Holm' }, 'Question about invoice 77.');
    const visitor = { identity: 'visitor-8812', name: 'Jonas' };
    const { conversationId } = await webchat.write(visitor, 'Hi from the website');
    const { page } = await suite.open();
    await signIn(page, suite.host.url, `/all/${conversationId}`);
    const contact = page.getByRole('complementary', { name: 'Contact' });
    await contact.getByRole('heading', { name: 'Jonas' }).waitFor();
    expect(await contact.getByRole('heading', { name: 'Unverified details' }).count()).toBe(0);
    // While the agent looks, the visitor types their number into the chat's form: a hint, not proof.
    await webchat.write(visitor, 'My number is +1 555 0162, or my colleague Mia on +1 555 0163', {
      hints: [
        { type: 'phone', value: '+1 555 0162' },
        { type: 'phone', value: '+1 555 0163' },
      ],
    });
    await contact.getByRole('heading', { name: 'Unverified details' }).waitFor();
    await contact.getByText('unverified', { exact: true }).first().waitFor();
    const suggestion = contact.getByRole('listitem', { name: 'Possibly the same person: Jonas Berg' });
    await suggestion.waitFor();
    await suggestion.getByText(/Phone \+15550162 \(unverified, from Webchat test\) is their identity/).waitFor();

    const mia = contact.getByRole('listitem', { name: 'Possibly the same person: Mia Holm' });
    await mia.getByRole('button', { name: 'Dismiss: Mia Holm is someone else' }).click();
    await eventually(() => mia.count()).toBe(0);

    await suggestion.getByRole('button', { name: 'Merge Jonas Berg into this contact' }).click();
    await eventually(() => suggestion.count()).toBe(0);
    // Jonas's SMS conversation is now this contact's too.
    await contact.getByRole('link', { name: /Earlier conversation, open, .*Texting about order 8812/ }).waitFor();
    const merged = (await (await suite.host.request(`/api/v1/contacts/${viaMail.contactId}`)).json()) as { mergedInto: string | null };
    expect(merged.mergedInto).not.toBeNull();
    // Mia stays dismissed after a reload.
    await page.reload();
    await contact.getByRole('heading', { name: 'Unverified details' }).waitFor();
    expect(await contact.getByRole('listitem', { name: /^Possibly the same person/ }).count()).toBe(0);
  });
});
