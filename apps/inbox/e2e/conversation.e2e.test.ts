import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { signIn } from './support/inbox-host';
import { eventually, inboxPage } from './support/inbox-page';
import { createTestChannel } from './support/test-channel';

// Two channels that know people by phone number: the same number on both is the same contact.
const sms = createTestChannel('channel-sms', 'phone');
const whatsapp = createTestChannel('channel-whatsapp', 'phone');

describe('working a conversation in the inbox', () => {
  const suite = inboxSuite([sms, whatsapp]);

  it('shows a message arriving through a channel live, in the list and in the open conversation, without a reload', async () => {
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    await signIn(page, suite.host.url, '/all');
    await inbox.list.waitFor();
    // Anything that reloads the page would drop this marker.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const tomas = { identity: '+15550101', name: 'Tomás Ferreira' };
    await sms.write(tomas, 'Hi, my parcel says delivered but it is not here.');
    const row = inbox.row(/my parcel says delivered/);
    await row.waitFor();
    // The row learns the contact's name too.
    await inbox.row(/^Tomás Ferreira, /).waitFor();

    await row.click();
    await inbox.pane.getByRole('heading', { name: 'Tomás Ferreira' }).waitFor();
    await inbox.messages('my parcel says delivered').waitFor();
    expect(await inbox.messages('my parcel says delivered').getAttribute('aria-label')).toMatch(/^Message from Tomás Ferreira, received via SMS/);

    await sms.write(tomas, 'Order number is 4417, tracking ends in 0193.');
    await inbox.messages('Order number is 4417').waitFor();
    // The list row moves to the newest message, and both messages are there once.
    await inbox.row(/Order number is 4417/).waitFor();
    expect(await inbox.row(/my parcel says delivered/).count()).toBe(0);
    expect(await inbox.messages('my parcel says delivered').count()).toBe(1);
    expect(await inbox.messages('Order number is 4417').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('replies (delivered through the channel, tick turns to sent), adds a private note (not delivered), assigns to me, resolves and reopens', async () => {
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    const grace = { identity: '+15550102', name: 'Grace Lindqvist' };
    const { conversationId } = await sms.write(grace, 'Can I change the delivery address for order 5521?');
    await signIn(page, suite.host.url, `/all/${conversationId}`);
    await inbox.messages('change the delivery address').waitFor();

    // Reply: Enter sends; the channel is asked to deliver it, and the tick turns to "Sent".
    await inbox.reply.fill('Yes — send me the new address and I will update it before it ships.');
    await inbox.reply.press('Enter');
    const reply = inbox.messages('send me the new address');
    await reply.getByRole('img', { name: 'Sent' }).waitFor();
    expect(await reply.getAttribute('aria-label')).toMatch(/^Message from .*, sent via SMS/);
    const delivered = await sms.waitForDelivery((d) => d.message.text.startsWith('Yes — send me the new address'));
    expect(delivered.leg.thread).toBe(grace.identity);
    expect(await inbox.reply.inputValue()).toBe('');

    // Private note: its own mode, shown apart from replies, never handed to a channel.
    await page.getByRole('button', { name: 'Private note' }).click();
    await inbox.note.fill('Address change requested after label printed — check with the warehouse.');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = inbox.messages('check with the warehouse');
    await note.waitFor();
    expect(await note.getAttribute('aria-label')).toMatch(/^Note from .*, private note/);
    await note.getByText('Private note').waitFor();
    expect(await note.getByRole('img', { name: /Sent|Queued|Delivered/ }).count()).toBe(0);
    const background = (locator: typeof note) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(note)).not.toBe(await background(reply));

    // A second reply after the note: deliveries go out in order, so once it is delivered, the
    // note would have been too if it were ever going to be.
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await inbox.reply.fill('Warehouse confirmed, the new address is on the parcel.');
    await inbox.reply.press('Enter');
    await inbox.messages('Warehouse confirmed').getByRole('img', { name: 'Sent' }).waitFor();
    const texts = [...sms.delivered, ...whatsapp.delivered].filter((d) => d.message.conversationId === conversationId).map((d) => d.message.text);
    expect(texts).toEqual(['Yes — send me the new address and I will update it before it ships.', 'Warehouse confirmed, the new address is on the parcel.']);

    // Assign to me.
    await page.getByRole('button', { name: 'Assignee: Unassigned. Change assignee' }).click();
    await page.getByRole('menuitem', { name: /Assign to me/ }).click();
    await page.getByRole('button', { name: 'Assignee: You. Change assignee' }).waitFor();
    await inbox.systemLines('You took this conversation').waitFor();

    // Resolve: the status changes, and the conversation leaves the list of open ones.
    await page.getByRole('button', { name: 'Resolve' }).click();
    await inbox.pane.getByText('Resolved', { exact: true }).waitFor();
    await inbox.systemLines('You resolved the conversation').waitFor();
    await eventually(() => inbox.row(/Warehouse confirmed/).count()).toBe(0);

    // Reopen: back to open, back in the list.
    await page.getByRole('button', { name: 'Reopen' }).click();
    await inbox.systemLines('You reopened the conversation').waitFor();
    await page.getByRole('button', { name: 'Resolve' }).waitFor();
    await inbox.row(/Warehouse confirmed/).waitFor();

    // The server agrees.
    const res = await suite.host.request(`/api/v1/conversations/${conversationId}`);
    const detail = (await res.json()) as { status: string; assigneeId: string | null };
    expect(detail.status).toBe('open');
    expect(detail.assigneeId).not.toBeNull();
  });

  it('lists the conversations assigned to me under Mine, after a reload too, with a count in the navigation', async () => {
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    const mine = await sms.write({ identity: '+15550104', name: 'Kenji Mori' }, 'Could you resend the confirmation for booking 7731?');
    await sms.write({ identity: '+15550105', name: 'Ada Nwosu' }, 'Do you have the grey sofa in stock?');
    const me = (await (await suite.host.request('/api/v1/me')).json()) as { agent: { id: string } };
    const assigned = await suite.host.request(`/api/v1/conversations/${mine.conversationId}/assign`, { method: 'POST', body: JSON.stringify({ agentId: me.agent.id }) });
    expect(assigned.ok).toBe(true);

    // Straight from a fresh load, not only from live events.
    await signIn(page, suite.host.url, '/mine');
    await inbox.row(/resend the confirmation for booking 7731/).waitFor();
    expect(await inbox.row(/grey sofa/).count()).toBe(0);
    // The navigation counts them (what it counts, open or waiting, is the shell's business).
    await page.getByRole('link', { name: /^Mine\D*\d+/ }).waitFor();
    await page.reload();
    await inbox.row(/resend the confirmation for booking 7731/).waitFor();

    // Unassigned has the other one, not mine.
    await page.getByRole('link', { name: /^Unassigned/ }).click();
    await inbox.row(/grey sofa/).waitFor();
    expect(await inbox.row(/resend the confirmation for booking 7731/).count()).toBe(0);
  });

  it('shows the contact’s earlier conversation from another channel in the contact panel, one click away', async () => {
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    const priya = { identity: '+15550103', name: 'Priya Raman' };
    // Last week, on SMS: answered and resolved.
    const earlier = await sms.write(priya, 'My invoice INV-2087 shows the wrong VAT number.');
    const resolved = await suite.host.request(`/api/v1/conversations/${earlier.conversationId}/status`, { method: 'POST', body: JSON.stringify({ status: 'resolved' }) });
    expect(resolved.ok).toBe(true);
    // Today, the same phone number on WhatsApp: the same contact, a new conversation.
    const today = await whatsapp.write(priya, 'Hello again, did the corrected invoice go out?');
    expect(today.contactId).toBe(earlier.contactId);
    expect(today.conversationId).not.toBe(earlier.conversationId);

    await signIn(page, suite.host.url, '/all');
    await inbox.row(/did the corrected invoice go out/).click();
    await inbox.messages('did the corrected invoice go out').waitFor();
    const contact = page.getByRole('complementary', { name: 'Contact' });
    await contact.getByRole('heading', { name: 'Priya Raman' }).waitFor();
    await contact.getByText(priya.identity).first().waitFor();
    const history = contact.getByRole('list', { name: 'Other conversations of this contact' });
    const link = history.getByRole('link', { name: /Earlier conversation, resolved, .*INV-2087 shows the wrong VAT number/ });
    await link.waitFor();

    await link.click();
    await inbox.messages('INV-2087 shows the wrong VAT number').waitFor();
    expect(inbox.path()).toBe(`/all/${earlier.conversationId}`);
    expect(await inbox.messages('INV-2087').getAttribute('aria-label')).toMatch(/received via SMS/);
    await inbox.pane.getByText('Resolved', { exact: true }).waitFor();
    // And back: the WhatsApp conversation is one click away from here too.
    await contact.getByRole('link', { name: /Earlier conversation, open, .*did the corrected invoice go out/ }).waitFor();
  });
});
