import { describe, expect, it } from 'vitest';
import { agentReply, conversationMessages, conversationWith } from './support/agent-api';
import { eventually } from './support/visitor-page';
import { widgetSuite } from './support/widget-suite';

// A 1×1 PNG and a minimal PDF: the server sniffs the type from the bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

describe('what a chat carries besides text', () => {
  const suite = widgetSuite();

  it('sends a photo from the visitor to the agent, and a PDF from the agent back to the visitor', async () => {
    const { page, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.chat.locator('input[type="file"]').setInputFiles({ name: 'damaged-box.png', mimeType: 'image/png', buffer: PNG });
    await visitor.chat.getByRole('button', { name: 'Remove damaged-box.png' }).waitFor();
    await eventually(() => visitor.chat.getByText('Uploading damaged-box.png…').count()).toBe(0);
    await visitor.send('The box arrived crushed, see the photo.');
    const photo = visitor.messages('arrived crushed').getByRole('img', { name: 'Image: damaged-box.png' });
    await photo.waitFor();
    await visitor.status('arrived crushed').getByText('Sent').waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    const conversationId = await conversationWith(suite.host, 'arrived crushed');
    const stored = (await conversationMessages(suite.host, conversationId))[0]!;
    expect(stored.attachments.map((a) => [a.name, a.contentType])).toEqual([['damaged-box.png', 'image/png']]);

    const agent = await suite.agent(`/all/${conversationId}`);
    const { inbox } = agent;
    await inbox.messages('arrived crushed').getByRole('link', { name: 'Open image damaged-box.png' }).waitFor();

    await agent.page.locator('input[type="file"]').setInputFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.page.getByRole('button', { name: 'Remove return-label.pdf' }).waitFor();
    await eventually(() => agent.page.getByRole('progressbar', { name: 'Uploading return-label.pdf' }).count()).toBe(0);
    await inbox.reply.fill('Sorry! Here is a free return label.');
    await inbox.reply.press('Enter');

    const label = visitor.messages('free return label').getByRole('link', { name: /return-label\.pdf/ });
    await label.waitFor();
    const href = await label.getAttribute('href');
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows typing both ways, and offers a bot’s quick replies as buttons that answer with their payload', async () => {
    const { page, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.say('I would like to return a jacket.');
    const conversationId = await conversationWith(suite.host, 'return a jacket');

    const agent = await suite.agent(`/all/${conversationId}`);
    const { inbox } = agent;
    await inbox.messages('return a jacket').waitFor();
    // Typing signals are not stored: the agent's live connection must be up before the visitor types.
    await inbox.live.waitFor({ state: 'attached' });

    // The visitor types: the agent sees it.
    await visitor.composer.pressSequentially('It is the blue one');
    await agent.page.getByRole('status').filter({ hasText: /is typing…/ }).waitFor();
    // The agent types: the visitor sees it.
    await inbox.reply.pressSequentially('Let me check');
    await visitor.chat.getByRole('status').filter({ hasText: /is typing…/ }).waitFor();
    await inbox.reply.fill('');

    await agentReply(suite.host, conversationId, 'Is it unworn, with its tags?', { content: { quickReplies: [{ title: 'Yes, with tags', payload: 'RETURN_OK' }, { title: 'No, I wore it', payload: 'RETURN_WORN' }] } });
    const choices = visitor.chat.getByRole('group', { name: 'Is it unworn, with its tags?' });
    await choices.getByRole('button', { name: 'No, I wore it' }).waitFor();
    await choices.getByRole('button', { name: 'Yes, with tags' }).click();
    await visitor.status('Yes, with tags').getByText('Sent').waitFor();
    // Answered: the buttons go.
    await eventually(() => choices.count()).toBe(0);
    const answer = (await conversationMessages(suite.host, conversationId)).find((m) => m.text === 'Yes, with tags');
    expect(answer?.content).toEqual({ postback: { payload: 'RETURN_OK', title: 'Yes, with tags' } });
    // The agent sees the tap as the customer's message (the offer itself shows the titles too).
    await inbox.timeline.getByRole('article', { name: /received via Web chat/ }).filter({ hasText: 'Yes, with tags' }).waitFor();
  });
});
