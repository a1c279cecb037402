import { describe, expect, it } from 'vitest';
import { deliverInput } from './test-helpers/deliver-input';
import { fixtureJson } from './test-helpers/fixtures';
import { planWhatsAppParts, recipientOf, whatsAppRequestBody } from './whatsapp-cloud-outbound';

const OPTIONS = { listButtonLabel: 'Options' };
type RequestFixture = { body: Record<string, unknown> };
const fixtureBody = (name: string) => fixtureJson<RequestFixture>(name).body;

function bodies(input: ReturnType<typeof deliverInput>, replyTo: string | null = null, media?: { link: string } | { id: string }) {
  return planWhatsAppParts(input, OPTIONS).map((part, i) => whatsAppRequestBody(part, recipientOf(input.leg), i === 0 ? replyTo : null, part.attachment ? media : undefined));
}

describe('WhatsApp request bodies', () => {
  it('sends text exactly as send-text-request.json', () => {
    expect(bodies(deliverInput())).toEqual([fixtureBody('send-text-request.json')]);
  });

  it('quotes the replied-to message as send-reply-with-context-request.json', () => {
    const [body] = bodies(deliverInput({ message: { text: 'It is on its way!' } }), 'wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTdGMDlCQzFEMjM0NTY3ODlBQgA=');
    expect(body).toMatchObject(fixtureBody('send-reply-with-context-request.json'));
  });

  it('addresses a username-only user by BSUID as send-text-to-bsuid-request.json', () => {
    const [body] = bodies(deliverInput({ thread: 'US.5647382910564738291', message: { text: 'Yes, we ship to Canada.' } }));
    expect(body).toMatchObject(fixtureBody('send-text-to-bsuid-request.json'));
    expect(body).not.toHaveProperty('to');
  });

  it('sends one image with the text as caption, by link, as send-image-request.json', () => {
    const input = deliverInput({
      message: { text: 'Your return label' },
      attachments: [{ id: 'a1', name: '1042.png', contentType: 'image/png', size: 10, url: 'https://files.example.com/labels/1042.png' }],
    });
    expect(bodies(input, null, { link: 'https://files.example.com/labels/1042.png' })).toEqual([fixtureBody('send-image-request.json')]);
  });

  it('sends an uploaded document by media id with its filename, as send-document-by-media-id-request.json', () => {
    const input = deliverInput({
      message: { text: 'Invoice' },
      attachments: [{ id: 'a2', name: 'invoice-1042.pdf', contentType: 'application/pdf', size: 10, url: 'https://x.example.com/a2' }],
    });
    const [body] = bodies(input, null, { id: '3456789012345678' });
    expect(body).toMatchObject(fixtureBody('send-document-by-media-id-request.json'));
  });

  it('sends text first when several files go out, each file on its own without caption', () => {
    const input = deliverInput({
      message: { text: 'Two files' },
      attachments: [
        { id: 'a1', name: 'a.jpg', contentType: 'image/jpeg', size: 1, url: 'u1' },
        { id: 'a2', name: 'voice.ogg', contentType: 'audio/ogg', size: 1, url: 'u2' },
      ],
    });
    const parts = planWhatsAppParts(input, OPTIONS);
    expect(parts.map((p) => [p.type, p.object])).toEqual([
      ['text', { preview_url: false, body: 'Two files' }],
      ['image', {}],
      ['audio', {}],
    ]);
  });

  it('offers up to three quick replies as reply buttons', () => {
    const input = deliverInput({ message: { text: 'What next?', content: { quickReplies: [{ title: 'Track', payload: 'TRACK' }, { title: 'Return', payload: 'RETURN' }] } } });
    expect(bodies(input)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '+12025550143',
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'What next?' },
          action: { buttons: [{ type: 'reply', reply: { id: 'TRACK', title: 'Track' } }, { type: 'reply', reply: { id: 'RETURN', title: 'Return' } }] },
        },
      },
    ]);
  });

  it('offers four to ten quick replies as a list, more as numbered text', () => {
    const replies = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Option ${i + 1}`, payload: `P${i + 1}` }));
    const [list] = bodies(deliverInput({ message: { text: 'Pick one', content: { quickReplies: replies(4) } } }));
    expect(list).toMatchObject({
      type: 'interactive',
      interactive: { type: 'list', body: { text: 'Pick one' }, action: { button: 'Options', sections: [{ rows: replies(4).map((q) => ({ id: q.payload, title: q.title })) }] } },
    });
    const [text] = bodies(deliverInput({ message: { text: 'Pick one', content: { quickReplies: replies(11) } } }));
    expect(text).toMatchObject({ type: 'text', text: { body: `Pick one\n\n${replies(11).map((q, i) => `${i + 1}. ${q.title}`).join('\n')}` } });
  });

  it('shares a location and contact cards', () => {
    const input = deliverInput({
      message: {
        text: 'Here is our shop',
        content: { location: { latitude: 38.9, longitude: -77, name: 'Shop' }, contacts: [{ name: 'Front desk', phones: ['+12025550100'], emails: [] }] },
      },
    });
    const [text, location, contacts] = bodies(input);
    expect(text).toMatchObject({ type: 'text' });
    expect(location).toMatchObject({ type: 'location', location: { latitude: 38.9, longitude: -77, name: 'Shop' } });
    expect(contacts).toMatchObject({ type: 'contacts', contacts: [{ name: { formatted_name: 'Front desk', first_name: 'Front desk' }, phones: [{ phone: '+12025550100' }] }] });
  });

  it('splits text longer than 4096 characters', () => {
    const parts = planWhatsAppParts(deliverInput({ message: { text: 'x'.repeat(5000) } }), OPTIONS);
    expect(parts.map((p) => (p.object.body as string).length)).toEqual([4096, 904]);
    // Between words, and counting an emoji as one character, as WhatsApp does.
    const words = planWhatsAppParts(deliverInput({ message: { text: `${'😀 word '.repeat(700)}end` } }), OPTIONS).map((p) => p.object.body as string);
    expect(words.map((body) => Array.from(body).length)).toEqual([4096, 806]);
    expect(words.join(' ')).toBe(`${'😀 word '.repeat(700)}end`);
  });
});
