import { describe, expect, it } from 'vitest';
import { deliverInput } from './test-helpers/deliver-input';
import { fixture } from './test-helpers/fixtures';
import { planTelegramSends, telegramChatId } from './telegram-outbound-plan';

type RequestFixture = { body: Record<string, unknown> };

const label = { id: '01JD3Z5X00000000000000ATT1', name: '1042.png', contentType: 'image/png', size: 2048, url: 'https://files.example.com/labels/1042.png' };

describe('planTelegramSends', () => {
  it('sends text with sendMessage to the numeric chat id, as in sendMessage-request.json', () => {
    const documented = fixture<RequestFixture>('sendMessage-request.json').body;
    const { sends } = planTelegramSends(deliverInput(), { quickReplies: 'inline' });
    expect(sends).toEqual([{ method: 'sendMessage', params: { chat_id: documented.chat_id, text: documented.text } }]);
  });

  it('sends a lone photo with the text as its caption, as in sendPhoto-by-url-request.json', () => {
    const documented = fixture<RequestFixture>('sendPhoto-by-url-request.json').body;
    const { sends } = planTelegramSends(deliverInput({ message: { text: 'Your return label' }, attachments: [label] }), { quickReplies: 'inline' });
    expect(sends).toEqual([{ method: 'sendPhoto', params: { chat_id: documented.chat_id, caption: documented.caption }, file: { field: 'photo', attachmentId: label.id, name: label.name, contentType: 'image/png', url: documented.photo } }]);
  });

  it('sends text first when there are several files or the text is too long for a caption', () => {
    const pdf = { ...label, id: 'ATT2', name: 'invoice.pdf', contentType: 'application/pdf' };
    const voice = { ...label, id: 'ATT3', name: 'note.ogg', contentType: 'audio/ogg' };
    const several = planTelegramSends(deliverInput({ message: { text: 'Files' }, attachments: [pdf, voice] }), { quickReplies: 'inline' }).sends;
    expect(several.map((s) => [s.method, s.params.caption])).toEqual([['sendMessage', undefined], ['sendDocument', undefined], ['sendVoice', undefined]]);
    const long = planTelegramSends(deliverInput({ message: { text: 'x'.repeat(1025) }, attachments: [label] }), { quickReplies: 'inline' }).sends;
    expect(long.map((s) => s.method)).toEqual(['sendMessage', 'sendPhoto']);
  });

  it('splits text over 4096 characters into several messages', () => {
    const text = `${'a'.repeat(4000)}\n${'b'.repeat(3000)}`;
    const { sends } = planTelegramSends(deliverInput({ message: { text } }), { quickReplies: 'inline' });
    expect(sends.map((s) => s.params.text)).toEqual(['a'.repeat(4000), 'b'.repeat(3000)]);
  });

  it('offers quick replies as an inline keyboard whose callback data fits Telegram’s 64 bytes', () => {
    const quickReplies = [
      { title: 'Talk to a human', payload: 'handoff_human' },
      { title: 'Track order', payload: `track:${'x'.repeat(200)}` },
      { title: 'Cancel', payload: 'cancel' },
    ];
    const plan = planTelegramSends(deliverInput({ message: { text: 'How can we help?', content: { quickReplies } } }), { quickReplies: 'inline' });
    const markup = plan.sends[0]?.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    expect(markup.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['Talk to a human', 'Track order'], ['Cancel']]);
    for (const button of markup.inline_keyboard.flat()) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    expect(plan.quickReplies).toEqual(quickReplies.map((reply, i) => ({ token: `01JD3Z6Q8V5C2K9W4T7N0R1M6B:${i}`, ...reply })));
  });

  it('keeps callback data within 64 bytes even for a long message id', () => {
    const plan = planTelegramSends(deliverInput({ message: { id: 'm'.repeat(128), content: { quickReplies: [{ title: 'Yes', payload: 'yes' }] } } }), { quickReplies: 'inline' });
    const [token] = plan.quickReplies.map((r) => r.token);
    expect(Buffer.byteLength(token ?? '')).toBeLessThanOrEqual(64);
    expect(token).toMatch(/^h[A-Za-z0-9_-]{40}:0$/);
  });

  it('offers quick replies as a one-time reply keyboard when configured so', () => {
    const plan = planTelegramSends(deliverInput({ message: { content: { quickReplies: [{ title: 'Yes', payload: 'yes' }] } } }), { quickReplies: 'reply' });
    expect(plan.sends[0]?.params.reply_markup).toEqual({ keyboard: [[{ text: 'Yes' }]], one_time_keyboard: true, resize_keyboard: true });
  });

  it('shares a location and contact cards', () => {
    const { sends } = planTelegramSends(
      deliverInput({ message: { text: '', content: { location: { latitude: 38.9, longitude: -77 }, contacts: [{ name: 'Front desk', phones: ['+12025550100'], emails: [] }] } } }),
      { quickReplies: 'inline' },
    );
    expect(sends).toEqual([
      { method: 'sendLocation', params: { chat_id: 5551234567, latitude: 38.9, longitude: -77 } },
      { method: 'sendContact', params: { chat_id: 5551234567, phone_number: '+12025550100', first_name: 'Front desk' } },
    ]);
  });

  it('plans nothing for an empty message', () => {
    expect(planTelegramSends(deliverInput({ message: { text: '' } }), { quickReplies: 'inline' }).sends).toEqual([]);
  });
});

describe('telegramChatId', () => {
  it('keeps numeric chat ids numbers and anything else strings', () => {
    expect(telegramChatId('5551234567')).toBe(5551234567);
    expect(telegramChatId('-1001234567890')).toBe(-1001234567890);
    expect(telegramChatId('@example_channel')).toBe('@example_channel');
  });
});
