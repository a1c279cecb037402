import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { problemResponse } from './problem-response';

describe('problemResponse', () => {
  it('answers problem+json with the code, the status title and extra headers', async () => {
    const app = new Hono().get('/', (c) => problemResponse(c, 429, 'SWB_ERR_ACME_RATE_LIMITED', 'slow down', { 'Retry-After': '3' }));
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
});
