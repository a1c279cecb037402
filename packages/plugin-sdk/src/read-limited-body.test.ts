import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLimitedBody } from './read-limited-body';

// A real HTTP server: declared lengths, chunked bodies, and one that never ends.
let server: Server;
let base = '';
const stillSending = { value: false };
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/declared') res.writeHead(200, { 'Content-Length': '5000' }).end(Buffer.alloc(5000, 1));
    else if (req.url === '/chunked-small') {
      res.writeHead(200);
      res.write(Buffer.alloc(600, 2));
      res.end(Buffer.alloc(400, 3));
    } else if (req.url === '/endless') {
      res.writeHead(200);
      stillSending.value = true;
      const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024, 4)), 1);
      res.on('close', () => {
        clearInterval(timer);
        stillSending.value = false;
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const refuse = (size: number | null) => new RangeError(size === null ? 'over the limit' : `${size} bytes is over the limit`);

describe('readLimitedBody', () => {
  it('reads a body within the limit, declared or streamed', async () => {
    expect((await readLimitedBody(await fetch(`${base}/declared`), 5000, refuse)).byteLength).toBe(5000);
    const streamed = await readLimitedBody(await fetch(`${base}/chunked-small`), 1000, refuse);
    expect(streamed.byteLength).toBe(1000);
    expect([streamed[0], streamed[999]]).toEqual([2, 3]);
  });

  it('refuses a declared length over the limit with that size, without reading it', async () => {
    await expect(readLimitedBody(await fetch(`${base}/declared`), 4999, refuse)).rejects.toThrow('5000 bytes is over the limit');
  });

  it('stops a body without a length the moment it passes the limit, and closes the stream', async () => {
    await expect(readLimitedBody(await fetch(`${base}/chunked-small`), 999, refuse)).rejects.toThrow(/^over the limit$/);
    await expect(readLimitedBody(await fetch(`${base}/endless`), 1024 * 1024, refuse)).rejects.toThrow(/^over the limit$/);
    await expect.poll(() => stillSending.value).toBe(false);
  });
});
