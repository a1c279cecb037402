import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN, FIXTURE_USER, jsonFixture, rawFixture, type SignatureExamples } from './test-helpers/fixtures';
import { ViberCallbackSchema, callbackKey, type ViberCallback } from './viber-callback-schemas';
import { parseViberJson } from './viber-json';
import { mapViberMessage } from './viber-message-map';
import { signViberBody, verifyViberSignature } from './viber-signature';

function callbackOf(name: string): { callback: ViberCallback; raw: unknown } {
  const raw = parseViberJson(rawFixture(name));
  return { callback: v.parse(ViberCallbackSchema, raw), raw };
}

function messageOf(name: string) {
  const { callback, raw } = callbackOf(name);
  if (callback.event !== 'message') throw new Error(`${name} is a ${callback.event} callback`);
  return mapViberMessage(callback, raw);
}

describe('signatures', () => {
  it('reproduces every signature of signature-examples.json over the raw bytes', () => {
    const { auth_token, examples } = jsonFixture<SignatureExamples>('signature-examples.json');
    expect(auth_token).toBe(FIXTURE_TOKEN);
    expect(examples).toHaveLength(12);
    for (const example of examples) {
      const body = Buffer.from(rawFixture(example.raw_body_file));
      expect(signViberBody(auth_token, body)).toBe(example.expected_x_viber_content_signature);
      expect(verifyViberSignature(auth_token, body, example.expected_x_viber_content_signature.toUpperCase())).toBe(true);
      expect(verifyViberSignature('another-token-0000000000', body, example.expected_x_viber_content_signature)).toBe(false);
      expect(verifyViberSignature(auth_token, Buffer.concat([body, Buffer.from(' ')]), example.expected_x_viber_content_signature)).toBe(false);
    }
  });
});

describe('parseViberJson', () => {
  it('keeps 64-bit message tokens digit for digit, where JSON.parse rounds them', () => {
    const body = rawFixture('inbound-text.raw');
    expect((JSON.parse(body) as { message_token: number }).message_token).toBe(5741311803571721000);
    expect(parseViberJson(body)).toMatchObject({ message_token: '5741311803571721090', timestamp: 1795352700123 });
    expect(parseViberJson(rawFixture('inbound-location.raw'))).toMatchObject({ message: { location: { lat: 38.897701, lon: -77.036501 } } });
  });

  it('throws on invalid JSON', () => {
    expect(() => parseViberJson('{"event":')).toThrow(SyntaxError);
  });
});

describe('callbacks of the fixtures', () => {
  it('parses every callback with its token as a string and keys statuses by event', () => {
    expect(callbackKey(callbackOf('inbound-text.raw').callback)).toBe('message:5741311803571721090');
    expect(callbackKey(callbackOf('delivered.raw').callback)).toBe(`delivered:5741311803571721187:${FIXTURE_USER}`);
    expect(callbackKey(callbackOf('seen.raw').callback)).toBe(`seen:5741311803571721187:${FIXTURE_USER}`);
    expect(callbackOf('failed.raw').callback).toMatchObject({ event: 'failed', message_token: '5741311803571721188', desc: 'failure description' });
    expect(callbackOf('conversation-started.raw').callback).toMatchObject({ event: 'conversation_started', context: 'order-1042', subscribed: false, user: { id: FIXTURE_USER } });
    expect(callbackOf('subscribed.raw').callback).toMatchObject({ event: 'subscribed', user: { id: FIXTURE_USER } });
    expect(callbackOf('unsubscribed.raw').callback).toMatchObject({ event: 'unsubscribed', user_id: FIXTURE_USER });
    expect(callbackOf('webhook-callback.raw').callback).toMatchObject({ event: 'webhook', message_token: '5741311803571721087' });
  });

  it('maps a text message, keeping the raw callback with the exact token', () => {
    const message = messageOf('inbound-text.raw');
    expect(message).toEqual({
      thread: FIXTURE_USER,
      from: { identity: { type: 'viber_user', value: FIXTURE_USER }, name: 'Dana Example' },
      providerMessageId: '5741311803571721090',
      text: 'Hi! Where is my order #1042?',
      media: [],
      quickReplyTitle: 'Hi! Where is my order #1042?',
      raw: expect.objectContaining({ message_token: '5741311803571721090' }),
    });
  });

  it('maps a picture and a file to downloads, with the caption and the file name', () => {
    expect(messageOf('inbound-picture.raw')).toMatchObject({ text: 'The box arrived crushed', media: [{ filename: 'example-box.jpg', size: 98213, url: expect.stringContaining('example-box.jpg') }] });
    expect(messageOf('inbound-file.raw')).toMatchObject({ text: '', media: [{ filename: 'invoice-1042.pdf', size: 48211 }] });
  });

  it('maps a location to content.location and a contact to content only', () => {
    expect(messageOf('inbound-location.raw')).toMatchObject({ text: '', content: { location: { latitude: 38.897701, longitude: -77.036501 } } });
    const contact = messageOf('inbound-contact.raw');
    expect(contact.content).toEqual({ contacts: [{ name: 'Dana Example', phones: ['+12025550143'], emails: [] }] });
    // Viber does not verify shared numbers: no identity beyond the Viber user.
    expect(contact.from).toEqual({ identity: { type: 'viber_user', value: FIXTURE_USER }, name: 'Dana Example' });
  });
});
