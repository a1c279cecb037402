import { SwitchboardError, type Logger } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { WebchatError, WebchatErrorCodes, errorToProblem } from './webchat-errors';

const silent: Logger = { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, fatal: () => {}, child: () => silent };

async function answerTo(err: unknown) {
  const app = new Hono().get('/', (c) => {
    // Set before the error, as the origin gate does: the widget must be able to read the problem.
    c.header('Access-Control-Allow-Origin', 'https://shop.example');
    throw err;
  });
  app.onError((e, c) => errorToProblem(e, c, silent));
  const res = await app.request('/');
  return { res, body: (await res.json()) as { code: string; status: number; detail: string } };
}

describe('errorToProblem', () => {
  it('answers a WebchatError with its status, code and own headers, never cached, keeping CORS', async () => {
    const { res, body } = await answerTo(
      new WebchatError({ code: WebchatErrorCodes.TOKEN_EXPIRED, status: 401, message: 'channel-webchat: the session token expired', headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(body).toMatchObject({ status: 401, code: WebchatErrorCodes.TOKEN_EXPIRED });
  });

  it('asks the widget to repeat a request the core could not take (retryable), and hides an unknown error behind a 500', async () => {
    const busy = await answerTo(new SwitchboardError({ code: 'SWB_ERR_CORE_UNAVAILABLE', message: 'the core did not answer', status: 503, retryable: true }));
    expect([busy.res.status, busy.res.headers.get('retry-after'), busy.res.headers.get('cache-control')]).toEqual([503, '5', 'no-store']);

    const unknown = await answerTo(new Error('ECONNREFUSED 10.0.0.7'));
    expect(unknown.res.status).toBe(500);
    expect(unknown.body.code).toBe(WebchatErrorCodes.INTERNAL);
    expect(unknown.body.detail).not.toContain('10.0.0.7');
    expect(unknown.res.headers.get('cache-control')).toBe('no-store');
  });
});
