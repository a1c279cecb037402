import { createHmac } from 'node:crypto';
import type { CloudEvent } from '@switchboard/events';
import { describe, expect, it } from 'vitest';
import type { Logger } from './logger';
import { HUB_SIGNATURE_HEADER, createMetaWebhookRoutes, hubChallenge, signHubBody, verifyHubSignature, type MetaWebhookRoutesOptions } from './meta-webhook';

const silent: Logger = { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, fatal: () => {}, child: () => silent };
const bytes = (text: string) => new TextEncoder().encode(text);

const SECRET = 'acme-app-secret';
// Meta escapes non-ASCII as \uXXXX and signs those bytes, so the sample keeps the escape.
const BODY = '{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"caf\\u00e9"}}]}]}';

describe('signHubBody and verifyHubSignature', () => {
  it('signs as HMAC-SHA256 of the exact bytes, hex, behind sha256=', () => {
    const independent = `sha256=${createHmac('sha256', SECRET).update(Buffer.from(BODY, 'utf8')).digest('hex')}`;
    expect(signHubBody(SECRET, bytes(BODY))).toBe(independent);
    expect(signHubBody(SECRET, BODY)).toBe(independent);
    expect(signHubBody(SECRET, bytes(BODY))).toBe(signHubBody(SECRET, bytes(BODY)));
  });

  it('matches the worked example of RFC 4231 (test case 2)', () => {
    expect(signHubBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(verifyHubSignature('Jefe', 'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', bytes('what do ya want for nothing?'))).toBe(true);
  });

  it('verifies its own signature, also in upper-case hex and with surrounding spaces', () => {
    const good = signHubBody(SECRET, bytes(BODY));
    expect(verifyHubSignature(SECRET, good, bytes(BODY))).toBe(true);
    expect(verifyHubSignature(SECRET, `sha256=${good.slice('sha256='.length).toUpperCase()}`, bytes(BODY))).toBe(true);
    expect(verifyHubSignature(SECRET, ` ${good} `, bytes(BODY))).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a re-serialised body and an empty secret', () => {
    const good = signHubBody(SECRET, bytes(BODY));
    expect(verifyHubSignature('another-secret', good, bytes(BODY))).toBe(false);
    expect(verifyHubSignature(SECRET, good, bytes(BODY.replace('"1"', '"2"')))).toBe(false);
    expect(verifyHubSignature(SECRET, good, bytes(JSON.stringify(JSON.parse(BODY))))).toBe(false);
    expect(verifyHubSignature('', good, bytes(BODY))).toBe(false);
    expect(verifyHubSignature('', signHubBody('', bytes(BODY)), bytes(BODY))).toBe(false);
  });

  it('refuses missing and malformed headers', () => {
    const good = signHubBody(SECRET, bytes(BODY));
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`;
    for (const header of [null, undefined, '', 'sha256=', sha1, good.slice(0, -2), `${good}00`, good.replace('sha256=', 'md5='), good.slice('sha256='.length), `${good.slice(0, -1)}g`]) {
      expect(verifyHubSignature(SECRET, header, bytes(BODY))).toBe(false);
    }
  });
});

describe('hubChallenge', () => {
  const query = (params: Record<string, string>) => new URLSearchParams(params);
  const handshake = { 'hub.mode': 'subscribe', 'hub.verify_token': 'the-verify-token', 'hub.challenge': '1158201444' };

  it('echoes the challenge when the mode is subscribe and the token matches', () => {
    expect(hubChallenge(query(handshake), 'the-verify-token')).toBe('1158201444');
  });

  it('answers null to another mode, a wrong or empty token, or no challenge', () => {
    expect(hubChallenge(query({ ...handshake, 'hub.mode': 'unsubscribe' }), 'the-verify-token')).toBeNull();
    expect(hubChallenge(query(handshake), 'another-token')).toBeNull();
    expect(hubChallenge(query(handshake), 'the-verify-token-but-longer')).toBeNull();
    expect(hubChallenge(query({ ...handshake, 'hub.verify_token': '' }), '')).toBeNull();
    expect(hubChallenge(query({ 'hub.mode': 'subscribe', 'hub.challenge': '1' }), '')).toBeNull();
    expect(hubChallenge(query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'the-verify-token' }), 'the-verify-token')).toBeNull();
  });
});

describe('createMetaWebhookRoutes', () => {
  const codes = {
    signatureMissing: 'SWB_ERR_ACME_SIGNATURE_MISSING',
    signatureInvalid: 'SWB_ERR_ACME_SIGNATURE_INVALID',
    verifyTokenMismatch: 'SWB_ERR_ACME_VERIFY_TOKEN_MISMATCH',
    bodyTooLarge: 'SWB_ERR_ACME_BODY_TOO_LARGE',
    unavailable: 'SWB_ERR_ACME_UNAVAILABLE',
  };

  function routes(overrides: Partial<MetaWebhookRoutesOptions> = {}) {
    const published: Array<{ type: string; data: unknown }> = [];
    const app = createMetaWebhookRoutes({
      appSecret: SECRET,
      verifyToken: 'the-verify-token',
      bus: { publish: async (type, data) => (published.push({ type, data }), { id: `e${published.length}` } as CloudEvent) },
      logger: silent,
      eventType: 'channel-acme.webhook.received.v1',
      maxBytes: 1024,
      codes,
      ...overrides,
    });
    const post = (body: string, headers: Record<string, string> = {}) => app.request('/webhook', { method: 'POST', body, headers });
    return { app, published, post };
  }

  it('answers the handshake with the challenge as text', async () => {
    const { app } = routes();
    const res = await app.request('/webhook?hub.mode=subscribe&hub.verify_token=the-verify-token&hub.challenge=1158201444');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a handshake with the wrong token as problem+json', async () => {
    const { app } = routes();
    const res = await app.request('/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 403, code: codes.verifyTokenMismatch });
  });

  it('refuses a body without the signature header with 401 and publishes nothing', async () => {
    const { published, post } = routes();
    const res = await post(BODY);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: codes.signatureMissing, detail: `${HUB_SIGNATURE_HEADER} is missing; only Meta’s signed notifications are accepted` });
    expect(published).toEqual([]);
  });

  it('refuses a wrong signature with 403, names where the secret is found, and publishes nothing', async () => {
    const { published, post } = routes({ appSecretHint: ' (App Dashboard → App settings → Basic)' });
    const res = await post(BODY, { [HUB_SIGNATURE_HEADER]: signHubBody('another-secret', BODY) });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      code: codes.signatureInvalid,
      detail: `${HUB_SIGNATURE_HEADER} does not match the body; check the appSecret secret (App Dashboard → App settings → Basic)`,
    });
    expect(published).toEqual([]);
  });

  it('publishes a correctly signed body byte for byte and answers EVENT_RECEIVED', async () => {
    const { published, post } = routes();
    const res = await post(BODY, { [HUB_SIGNATURE_HEADER]: signHubBody(SECRET, BODY) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EVENT_RECEIVED');
    expect(published).toEqual([{ type: 'channel-acme.webhook.received.v1', data: { body: BODY, receivedAt: expect.any(String) } }]);
  });

  it('answers 503 naming Meta’s retry when the bus cannot take the body', async () => {
    const { post } = routes({ bus: { publish: async () => Promise.reject(new Error('no JetStream')) } });
    const res = await post(BODY, { [HUB_SIGNATURE_HEADER]: signHubBody(SECRET, BODY) });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: codes.unavailable, detail: 'the notification could not be queued; Meta will retry it' });
  });
});
