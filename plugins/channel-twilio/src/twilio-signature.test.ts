import { describe, expect, it } from 'vitest';
import { readFixtureJson, readFixtureText, type SignatureExamples } from './test-helpers/twilio-fixtures';
import { computeTwilioSignature, twilioStringToSign, urlPortVariants, verifyTwilioJsonSignature, verifyTwilioSignature } from './twilio-signature';

const examples = readFixtureJson<SignatureExamples>('signature-examples.json');
const token = examples.auth_token;
const pairs = (file: string) => [...new URLSearchParams(readFixtureText(file))];

describe('X-Twilio-Signature over the shared fixtures', () => {
  it('builds the worked example’s string to sign from the decoded, sorted parameters', () => {
    const { body_file, string_to_sign, expected_x_twilio_signature } = examples.worked_example;
    expect(twilioStringToSign('https://inbox.example.com/webhooks/twilio/messages', pairs(body_file))).toBe(string_to_sign);
    expect(computeTwilioSignature(token, 'https://inbox.example.com/webhooks/twilio/messages', pairs(body_file))).toBe(expected_x_twilio_signature);
  });

  it.each(examples.form_examples.map((e) => [e.body_file, e] as const))('accepts the signature of %s', (_file, example) => {
    expect(computeTwilioSignature(token, example.url, pairs(example.body_file))).toBe(example.expected_x_twilio_signature);
    expect(verifyTwilioSignature(token, example.expected_x_twilio_signature, example.url, pairs(example.body_file))).toBe(true);
  });

  it('refuses the same body under a URL with a trailing slash', () => {
    const negative = examples.negative_examples.find((e) => e.url.endsWith('/messages/'));
    expect(negative?.expected_valid).toBe(false);
    expect(verifyTwilioSignature(token, negative?.x_twilio_signature_of_original, negative?.url ?? '', pairs('inbound-sms.txt'))).toBe(false);
  });

  it('accepts a signature made with and without the default port, either way round', () => {
    const withPort = examples.negative_examples.find((e) => e.url.includes(':443'));
    const url = 'https://inbox.example.com/webhooks/twilio/messages';
    expect(computeTwilioSignature(token, withPort?.url ?? '', pairs('inbound-sms.txt'))).toBe(withPort?.computed_signature_for_this_url);
    // Twilio signed with :443 while we are configured without it, and the other way round.
    expect(verifyTwilioSignature(token, withPort?.computed_signature_for_this_url, url, pairs('inbound-sms.txt'))).toBe(true);
    expect(verifyTwilioSignature(token, 'rVOfjoz8M3pVoO4inCLuoEhg6bc=', withPort?.url ?? '', pairs('inbound-sms.txt'))).toBe(true);
    expect(urlPortVariants('http://a.example.com:8080/x')).toEqual(['http://a.example.com:8080/x']);
    expect(urlPortVariants('http://a.example.com/x?y=1')).toEqual(['http://a.example.com/x?y=1', 'http://a.example.com:80/x?y=1']);
  });

  it('refuses a flipped body character, a wrong token, a missing or malformed header', () => {
    const url = 'https://inbox.example.com/webhooks/twilio/messages';
    const tampered = [...new URLSearchParams(readFixtureText('inbound-sms.txt').replace('order+%231042', 'order+%231043'))];
    expect(verifyTwilioSignature(token, 'rVOfjoz8M3pVoO4inCLuoEhg6bc=', url, tampered)).toBe(false);
    expect(verifyTwilioSignature('0123456789abcdef0123456789abcdef', 'rVOfjoz8M3pVoO4inCLuoEhg6bc=', url, pairs('inbound-sms.txt'))).toBe(false);
    expect(verifyTwilioSignature(token, undefined, url, pairs('inbound-sms.txt'))).toBe(false);
    expect(verifyTwilioSignature(token, 'not base64 at all', url, pairs('inbound-sms.txt'))).toBe(false);
    expect(verifyTwilioSignature('', 'rVOfjoz8M3pVoO4inCLuoEhg6bc=', url, pairs('inbound-sms.txt'))).toBe(false);
  });

  it('signs each value of a repeated parameter, sorted', () => {
    const a = computeTwilioSignature(token, 'https://x.example.com/h', [['MediaUrl', 'b'], ['MediaUrl', 'a'], ['To', '1']]);
    const b = computeTwilioSignature(token, 'https://x.example.com/h', [['To', '1'], ['MediaUrl', 'a'], ['MediaUrl', 'b']]);
    expect(a).toBe(b);
    expect(twilioStringToSign('u', [['MediaUrl', 'b'], ['MediaUrl', 'a']])).toBe('uMediaUrlaMediaUrlb');
  });

  it('checks a JSON-bodied webhook by the URL’s bodySHA256 and the body’s hash', () => {
    const json = examples.json_body_example;
    expect(verifyTwilioJsonSignature(token, json.expected_x_twilio_signature, json.url, json.raw_body)).toBe(true);
    expect(verifyTwilioJsonSignature(token, json.expected_x_twilio_signature, json.url, `${json.raw_body} `)).toBe(false);
    expect(verifyTwilioJsonSignature(token, json.expected_x_twilio_signature, json.url.replace(/bodySHA256=.*/, ''), json.raw_body)).toBe(false);
  });
});
