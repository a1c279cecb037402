import { describe, expect, it } from 'vitest';
import { planMessengerMessages } from './messenger-outbound';
import { outboundInput } from './test-helpers/deliver-input';
import { messengerJson } from './test-helpers/fixtures';

const fixtureMessage = (name: string) => messengerJson<{ body: { message: Record<string, unknown> } }>(name).body.message;

describe('Send API messages', () => {
  it('sends text as send-text-request.json', () => {
    expect(planMessengerMessages(outboundInput(), 'messenger')).toEqual([fixtureMessage('send-text-request.json')]);
  });

  it('sends a file as an attachment by URL, as send-image-request.json, before the text', () => {
    const input = outboundInput({ text: 'Your label' }, [{ id: 'a', name: 'label.png', contentType: 'image/png', size: 1, url: 'https://files.example.com/labels/1042.png' }]);
    expect(planMessengerMessages(input, 'messenger')).toEqual([fixtureMessage('send-image-request.json'), { text: 'Your label' }]);
    expect(planMessengerMessages(outboundInput({ text: '' }, [{ id: 'b', name: 'x.pdf', contentType: 'application/pdf', size: 1, url: 'u' }]), 'instagram')).toEqual([
      { attachment: { type: 'file', payload: { url: 'u' } } },
    ]);
  });

  it('offers up to 13 quick replies on the last text, more as a numbered list', () => {
    const replies = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Choice ${i + 1}`, payload: `C${i + 1}` }));
    expect(planMessengerMessages(outboundInput({ text: 'Which one?', content: { quickReplies: replies(2) } }), 'messenger')).toEqual([
      { text: 'Which one?', quick_replies: [{ content_type: 'text', title: 'Choice 1', payload: 'C1' }, { content_type: 'text', title: 'Choice 2', payload: 'C2' }] },
    ]);
    const [many] = planMessengerMessages(outboundInput({ text: 'Which one?', content: { quickReplies: replies(14) } }), 'messenger');
    expect(many).toEqual({ text: `Which one?\n\n${replies(14).map((q, i) => `${i + 1}. ${q.title}`).join('\n')}` });
  });

  it('writes a location and contact cards into the text, and splits long text at Meta’s limits', () => {
    const [text] = planMessengerMessages(outboundInput({ text: 'Our shop', content: { location: { latitude: 38.9, longitude: -77, name: 'Shop' }, contacts: [{ name: 'Desk', phones: ['+12025550100'], emails: [] }] } }), 'messenger');
    expect(text).toEqual({ text: 'Our shop\n\n📍 Shop: https://maps.google.com/?q=38.9,-77\n\n👤 Desk · +12025550100' });
    expect(planMessengerMessages(outboundInput({ text: 'y'.repeat(2500) }), 'messenger').map((m) => (m.text as string).length)).toEqual([2000, 500]);
    expect(planMessengerMessages(outboundInput({ text: 'y'.repeat(2500) }), 'instagram').map((m) => (m.text as string).length)).toEqual([1000, 1000, 500]);
    // Between words rather than inside one.
    const words = planMessengerMessages(outboundInput({ text: 'word '.repeat(500).trim() }), 'messenger').map((m) => m.text as string);
    expect(words.map((text) => text.length)).toEqual([1999, 499]);
    expect(words.every((text) => text.endsWith('word'))).toBe(true);
  });
});
