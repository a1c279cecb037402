import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines and never a secret, however deep it sits', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        password: 'pw-top',
        nats: { servers: ['nats://127.0.0.1:4222'], token: 'tok-1', pass: 'pass-1' },
        config: { auth: { signingKey: 'key-1', admin: { password: 'pw-deep' } }, database: { authToken: 'db-1' } },
        plugin: { secrets: { apiKey: 'api-1' } },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-api-key': 'hdr-1' } },
      },
      'config loaded',
    );
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '{}') as { msg: string; nats: { servers: string[]; token: string } };
    expect(record.msg).toBe('config loaded');
    expect(record.nats.servers).toEqual(['nats://127.0.0.1:4222']);
    expect(record.nats.token).toBe('[Redacted]');
    for (const secret of ['pw-top', 'tok-1', 'pass-1', 'key-1', 'pw-deep', 'db-1', 'api-1', 'Bearer abc', 'sid=1', 'hdr-1']) {
      expect(lines[0]).not.toContain(secret);
    }
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['loud']);
  });

  it('prints human-readable lines when pretty, still redacted', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', pretty: true, destination });
    logger.info({ nats: { token: 'tok-2' } }, 'hello');
    const text = lines.join('');
    expect(text).toContain('hello');
    expect(text).not.toContain('tok-2');
    expect(() => JSON.parse(text)).toThrow();
  });
});
