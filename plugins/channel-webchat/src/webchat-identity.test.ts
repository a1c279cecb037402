import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeUserHash, parseIdentitySecrets, verifyUserHash } from './webchat-identity';

const fixturesDir = fileURLToPath(new URL('../fixtures/webchat/', import.meta.url));

function fixture(): {
  chatwoot: { inbox_hmac_token: string; identifier: string; expected_identifier_hash: string };
  intercom: { secret: string; user_id: string; expected_user_hash: string };
  ours_suggested: { secret: string; external_id: string; expected_user_hash: string; negative: { external_id: string; user_hash_of_cust_000042: string; expected_valid: boolean } };
} {
  try {
    return JSON.parse(readFileSync(`${fixturesDir}identity-hmac-examples.json`, 'utf8')) as never;
  } catch (cause) {
    throw new Error(`the web chat fixtures are missing at ${fixturesDir} (the plugin's fixtures/webchat folder)`, { cause });
  }
}

describe('user hash', () => {
  const examples = fixture();

  it('matches the worked examples of our scheme, Chatwoot’s and Intercom’s', () => {
    expect(computeUserHash(examples.ours_suggested.secret, examples.ours_suggested.external_id)).toBe(examples.ours_suggested.expected_user_hash);
    expect(computeUserHash(examples.chatwoot.inbox_hmac_token, examples.chatwoot.identifier)).toBe(examples.chatwoot.expected_identifier_hash);
    expect(computeUserHash(examples.intercom.secret, examples.intercom.user_id)).toBe(examples.intercom.expected_user_hash);
  });

  it('accepts the right hash in any hex case, with the current or the previous secret', () => {
    const { secret, external_id, expected_user_hash } = examples.ours_suggested;
    expect(verifyUserHash([secret], external_id, expected_user_hash)).toBe(true);
    expect(verifyUserHash([secret], external_id, expected_user_hash.toUpperCase())).toBe(true);
    expect(verifyUserHash(['a-brand-new-secret-0001', secret], external_id, expected_user_hash)).toBe(true);
  });

  it('refuses another user’s hash, a truncated hash and an unknown secret', () => {
    const { secret, expected_user_hash, negative } = examples.ours_suggested;
    expect(verifyUserHash([secret], negative.external_id, negative.user_hash_of_cust_000042)).toBe(negative.expected_valid);
    expect(verifyUserHash([secret], examples.ours_suggested.external_id, expected_user_hash.slice(0, 63))).toBe(false);
    expect(verifyUserHash(['some-other-secret-00001'], examples.ours_suggested.external_id, expected_user_hash)).toBe(false);
    expect(verifyUserHash([], examples.ours_suggested.external_id, expected_user_hash)).toBe(false);
  });
});

describe('identitySecrets', () => {
  it('gives bare secrets to every widget and scoped ones to their widget, current first', () => {
    const { secrets, problems } = parseIdentitySecrets('shared-secret-0000001, shop:shop-current-000001\nshop:shop-previous-00001', ['main', 'shop']);
    expect(problems).toEqual([]);
    expect(secrets.get('main')).toEqual(['shared-secret-0000001']);
    expect(secrets.get('shop')).toEqual(['shop-current-000001', 'shop-previous-00001']);
  });

  it('keeps a colon inside a bare secret, and reports short secrets and more than two per widget', () => {
    expect(parseIdentitySecrets('not-a-widget:long-enough-secret', ['main']).secrets.get('main')).toEqual(['not-a-widget:long-enough-secret']);
    const { problems } = parseIdentitySecrets('main:short, main:first-secret-000001 main:second-secret-00001 main:third-secret-000001', ['main']);
    expect(problems.map((p) => p.message)).toEqual([
      'an identity secret of widget main is 5 characters long; use at least 16 (e.g. `openssl rand -hex 32`)',
      'widget main has 3 identity secrets; give the current one and at most one previous one',
    ]);
  });
});
