import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { signIn } from './support/inbox-host';
import { eventually, inboxPage } from './support/inbox-page';
import { createTestChannel } from './support/test-channel';

const sms = createTestChannel('channel-sms', 'phone');
const webchat = createTestChannel('channel-webchat-test', 'web_visitor');

describe('searching the inbox', () => {
  const suite = inboxSuite([sms, webchat]);

  it('finds conversations by message text, contact name and phone, highlights the match, keeps the search in the URL, and clears with Escape', async () => {
    await sms.write({ identity: '+15550131', name: 'Oskar Nowak' }, 'The lid of my enamel kettle cracked after a week.');
    await sms.write({ identity: '+15550132', name: 'Priya Raman' }, 'Can I pay the invoice by bank transfer?');
    await webchat.write({ identity: 'visitor-7781', name: 'Lena Vogel' }, 'Do you deliver on Saturdays?');

    const { page } = await suite.open();
    const inbox = inboxPage(page);
    await signIn(page, suite.host.url, '/all');
    await inbox.row(/enamel kettle/).waitFor();
    await inbox.row(/Saturdays/).waitFor();

    // `/` jumps to the search box from the list.
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

    // Message text (a word from the middle, any case): only that conversation, the word marked.
    await search.fill('KETTLE');
    await search.press('Enter');
    await eventually(() => inbox.row(/Saturdays/).count()).toBe(0);
    const kettle = inbox.row(/enamel kettle/);
    await kettle.waitFor();
    expect(await inbox.list.getByRole('option').count()).toBe(1);
    expect(await kettle.locator('mark').first().textContent()).toMatch(/kettle/i);
    expect(new URL(page.url()).searchParams.get('q')).toBe('KETTLE');

    // A reload keeps the search (it lives in the URL).
    await page.reload();
    await inbox.row(/enamel kettle/).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search conversations' }).inputValue()).toBe('KETTLE');
    expect(await inbox.list.getByRole('option').count()).toBe(1);

    // The contact's name, then their phone number.
    await search.fill('priya');
    await search.press('Enter');
    await inbox.row(/^Priya Raman, /).waitFor();
    await eventually(() => inbox.list.getByRole('option').count()).toBe(1);
    await search.fill('+15550131');
    await search.press('Enter');
    await inbox.row(/^Oskar Nowak, /).waitFor();
    await eventually(() => inbox.list.getByRole('option').count()).toBe(1);

    // Nothing matches: the list says so instead of looking empty for no reason.
    await search.fill('zeppelin');
    await search.press('Enter');
    await page.getByText('No conversations match “zeppelin”.').waitFor();

    // Escape clears: every conversation is back, the URL forgets the search.
    await search.press('Escape');
    await inbox.row(/Saturdays/).waitFor();
    await inbox.row(/enamel kettle/).waitFor();
    await inbox.row(/bank transfer/).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
  });

  it('opens a conversation found by search and keeps the results beside it', async () => {
    const { conversationId } = await webchat.write({ identity: 'visitor-7790', name: 'Mateo Ruiz' }, 'My voucher code WINTER-2026 is rejected at checkout.');
    const { page } = await suite.open();
    const inbox = inboxPage(page);
    await signIn(page, suite.host.url, '/all?q=voucher');
    const row = inbox.row(/voucher code/);
    await row.waitFor();
    await row.click();
    await inbox.messages('WINTER-2026 is rejected').waitFor();
    expect(inbox.path()).toBe(`/all/${conversationId}`);
    expect(new URL(page.url()).searchParams.get('q')).toBe('voucher');
    expect(await inbox.list.getByRole('option').count()).toBe(1);
  });
});
