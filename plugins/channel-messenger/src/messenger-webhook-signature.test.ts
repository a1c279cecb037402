import { hubChallenge, signHubBody, verifyHubSignature } from '@switchboard/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { messengerFixture, messengerJson } from './test-helpers/fixtures';

const example = messengerJson<{ app_secret: string; raw_body_file: string; expected_x_hub_signature_256: string }>('signature-examples.json');
const raw = new TextEncoder().encode(messengerFixture(example.raw_body_file));

describe('Messenger X-Hub-Signature-256', () => {
  it('equals Meta’s signature of inbound-text.raw and verifies it', () => {
    expect(signHubBody(example.app_secret, raw)).toBe(example.expected_x_hub_signature_256);
    expect(verifyHubSignature(example.app_secret, example.expected_x_hub_signature_256, raw)).toBe(true);
  });

  it('refuses another secret, one changed byte, and the legacy sha1 header in its place', () => {
    expect(verifyHubSignature('9b8a7c6d5e4f30211f2e3d4c5b6a7989', example.expected_x_hub_signature_256, raw)).toBe(false);
    const changed = raw.slice();
    changed[changed.length - 5] = changed[changed.length - 5]! ^ 1;
    expect(verifyHubSignature(example.app_secret, example.expected_x_hub_signature_256, changed)).toBe(false);
    expect(verifyHubSignature(example.app_secret, messengerJson<{ expected_x_hub_signature: string }>('signature-examples.json').expected_x_hub_signature, raw)).toBe(false);
  });

  it('answers the handshake of verify-request.txt with its challenge', () => {
    const expected = messengerJson<{ configured_verify_token: string; body: string }>('verify-expected-response.json');
    const query = new URL(messengerFixture('verify-request.txt').split(' ')[1]!, 'https://inbox.example.com').searchParams;
    expect(hubChallenge(query, expected.configured_verify_token)).toBe(expected.body);
    expect(hubChallenge(query, 'another-token')).toBeNull();
  });
});
