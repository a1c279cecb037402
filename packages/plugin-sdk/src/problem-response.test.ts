import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SwitchboardError } from './errors';
import type { LogFn, Logger } from './logger';
import { errorProblemResponse, problemBody, problemResponse } from './problem-response';

describe('problemResponse', () => {
  it('answers problem+json with the code, the status title and extra headers', async () => {
    const app = new Hono().get('/', (c) => problemResponse(c, 429, 'SWB_ERR_ACME_RATE_LIMITED', 'slow down', { headers: { 'Retry-After': '3' } }));
    const res = await app.request('/');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ type: 'urn:switchboard:error:SWB_ERR_ACME_RATE_LIMITED', title: 'Too Many Requests', status: 429, code: 'SWB_ERR_ACME_RATE_LIMITED', detail: 'slow down' });
  });

  it('titles an unusual status plainly', async () => {
    const app = new Hono().get('/', (c) => problemResponse(c, 418, 'SWB_ERR_ACME_TEAPOT', 'no coffee'));
    expect(((await (await app.request('/')).json()) as { title: string }).title).toBe('Error');
  });

  it('lists the fields of a refused body, and keeps headers set before it (CORS)', async () => {
    const app = new Hono().post('/', (c) => {
      c.header('Access-Control-Allow-Origin', 'https://shop.example');
      return problemResponse(c, 422, 'SWB_ERR_ACME_INVALID_BODY', 'the body is not a message', { errors: [{ path: 'text', message: 'text must be a string' }] });
    });
    const res = await app.request('/', { method: 'POST' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await res.json()).toEqual(problemBody(422, 'SWB_ERR_ACME_INVALID_BODY', 'the body is not a message', [{ path: 'text', message: 'text must be a string' }]));
    expect(problemBody(422, 'X', 'y', [{ path: 'text', message: 'm' }]).title).toBe('Unprocessable Content');
    expect(problemBody(404, 'X', 'y')).not.toHaveProperty('errors');
  });
});

describe('errorProblemResponse', () => {
  function appThrowing(err: unknown, headers?: (err: unknown) => Record<string, string>) {
    const lines: Array<{ level: string; msg: string; code?: unknown }> = [];
    const at =
      (level: string): LogFn =>
      (fields: Record<string, unknown> | string, msg?: string) =>
        void lines.push(typeof fields === 'string' ? { level, msg: fields } : { level, msg: msg ?? '', code: fields.code });
    const logger: Logger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: () => logger };
    const app = new Hono().get('/', () => {
      throw err;
    });
    app.onError((e, c) => errorProblemResponse(e, c, { pluginId: 'channel-acme', internalCode: 'SWB_ERR_ACME_INTERNAL', logger, ...(headers ? { headers } : {}) }));
    return { app, lines };
  }

  it('keeps the code, status and field details of a Switchboard error, and logs nothing below 500', async () => {
    const { app, lines } = appThrowing(new SwitchboardError({ code: 'SWB_ERR_ACME_INVALID_BODY', message: 'text is missing', status: 422, details: [{ path: 'text', message: 'required' }] }));
    const res = await app.request('/');
    expect(res.status).toBe(422);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual(problemBody(422, 'SWB_ERR_ACME_INVALID_BODY', 'text is missing', [{ path: 'text', message: 'required' }]));
    expect(lines).toEqual([]);
  });

  it('asks for a retry of a retryable error (the core busy), logs a 5xx, and adds the plugin’s headers', async () => {
    const { app, lines } = appThrowing(new SwitchboardError({ code: 'SWB_ERR_CORE_UNAVAILABLE', message: 'the core did not answer', status: 503, retryable: true }), () => ({ 'Cache-Control': 'no-store' }));
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(lines.map((l) => [l.msg, l.code])).toEqual([['channel-acme request failed', 'SWB_ERR_CORE_UNAVAILABLE']]);
  });

  it('answers anything else as the plugin’s 500, without its message, and logs it', async () => {
    const { app, lines } = appThrowing(new Error('connect ECONNREFUSED 10.0.0.7:5432'));
    const res = await app.request('/');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('SWB_ERR_ACME_INTERNAL');
    expect(body.detail).toBe('channel-acme could not process the request; it was logged, try again later');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['error', 'channel-acme request failed unexpectedly']]);
  });

  it('turns a status outside 4xx–5xx into a 500', async () => {
    const { app } = appThrowing(new SwitchboardError({ code: 'SWB_ERR_ACME_ODD', message: 'odd', status: 302 }));
    expect((await app.request('/')).status).toBe(500);
  });
});
