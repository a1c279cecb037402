import { hubChallenge, signHubBody, verifyHubSignature } from '@switchboard/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { FIXTURE_APP_SECRET, fixtureJson, fixtureText } from './test-helpers/fixtures';

type SignatureExamples = { examples: Array<{ raw_body_file?: string; body?: string; expected?: string; signature_of_these_bytes?: string }> };

const bytes = (text: string) => new TextEncoder().encode(text);

describe('X-Hub-Signature-256', () => {
  const { examples } = fixtureJson<SignatureExamples>('signature-examples.json');
  const signed = examples.filter((e) => e.raw_body_file);

  it.each(signed.map((e) => [e.raw_body_file!, e.expected!]))('matches Meta’s signature of %s', (file, expected) => {
    const raw = bytes(fixtureText(file));
    expect(signHubBody(FIXTURE_APP_SECRET, raw)).toBe(expected);
    expect(verifyHubSignature(FIXTURE_APP_SECRET, expected, raw)).toBe(true);
    expect(verifyHubSignature(FIXTURE_APP_SECRET, expected.toUpperCase().replace('SHA256=', 'sha256='), raw)).toBe(true);
  });

  it('refuses the re-serialised body (literal UTF-8 instead of Meta’s \\u escapes)', () => {
    const escaped = signed.find((e) => e.raw_body_file === 'inbound-text-escaped-unicode.raw')!;
    const reserialised = examples.find((e) => e.signature_of_these_bytes)!;
    expect(JSON.stringify(JSON.parse(fixtureText('inbound-text-escaped-unicode.raw')))).toBe(reserialised.body);
    expect(verifyHubSignature(FIXTURE_APP_SECRET, escaped.expected, bytes(reserialised.body!))).toBe(false);
    expect(signHubBody(FIXTURE_APP_SECRET, bytes(reserialised.body!))).toBe(reserialised.signature_of_these_bytes);
  });

  it('refuses a wrong secret, a tampered body and malformed headers', () => {
    const raw = bytes(fixtureText('inbound-text.raw'));
    const good = signHubBody(FIXTURE_APP_SECRET, raw);
    expect(verifyHubSignature('another-secret', good, raw)).toBe(false);
    expect(verifyHubSignature(FIXTURE_APP_SECRET, good, bytes(fixtureText('inbound-text.raw').replace('1042', '1043')))).toBe(false);
    for (const header of [null, undefined, '', 'sha256=', 'sha1=abc', good.slice(0, -2), `${good}00`, good.replace('sha256=', 'md5=')]) {
      expect(verifyHubSignature(FIXTURE_APP_SECRET, header, raw)).toBe(false);
    }
    expect(verifyHubSignature('', good, raw)).toBe(false);
  });
});

describe('hub.challenge handshake', () => {
  const expected = fixtureJson<{ configured_verify_token: string; body: string }>('verify-expected-response.json');
  const query = (line: string) => new URL(line.split(' ')[1]!, 'https://inbox.example.com').searchParams;
  const request = fixtureText('verify-request.txt').split('\n')[0]!;

  it('echoes the challenge of Meta’s request when the token matches', () => {
    expect(hubChallenge(query(request), expected.configured_verify_token)).toBe(expected.body);
  });

  it('refuses a wrong token, another mode, or no challenge', () => {
    expect(hubChallenge(query(request), 'not-the-token')).toBeNull();
    expect(hubChallenge(query(request.replace('hub.mode=subscribe', 'hub.mode=unsubscribe')), expected.configured_verify_token)).toBeNull();
    expect(hubChallenge(query(request.replace(/hub\.challenge=\d+&/, '')), expected.configured_verify_token)).toBeNull();
    expect(hubChallenge(new URLSearchParams('hub.mode=subscribe&hub.challenge=1'), '')).toBeNull();
  });
});
