import { describe, expect, it } from 'vitest';
import type { Logger } from '@switchboard/plugin-sdk';
import { createPortLogger, writeLogRecord, type LogRecord } from './port-logger';

describe('port logger (writer thread → main thread)', () => {
  it('sends records at or above the level, with bindings, and errors as plain fields', () => {
    const sent: LogRecord[] = [];
    const logger = createPortLogger((r) => sent.push(r), 'info', { thread: 'core-writer' }).child({ component: 'outbox' });
    logger.debug({ n: 1 }, 'too low');
    logger.info('plain message');
    const err = Object.assign(new Error('NATS is down'), { code: 'CONNECTION_REFUSED' });
    logger.warn({ err, retryInMs: 200 }, 'could not publish');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({ type: 'log', level: 'info', bindings: { thread: 'core-writer', component: 'outbox' }, fields: {}, message: 'plain message' });
    expect(sent[1]!.fields).toMatchObject({ retryInMs: 200, err: { type: 'Error', message: 'NATS is down', code: 'CONNECTION_REFUSED' } });
    expect(structuredClone(sent[1])).toEqual(sent[1]);
  });

  it('sends nothing at pino\'s level silent', () => {
    const sent: LogRecord[] = [];
    createPortLogger((r) => sent.push(r), 'silent').fatal('not even this');
    expect(sent).toEqual([]);
  });

  it('writes a record with the main logger, bound as it was', () => {
    const lines: Array<{ bindings: Record<string, unknown>; level: string; fields: unknown; message: unknown }> = [];
    const make = (bindings: Record<string, unknown>): Logger => {
      const at = (level: string) => ((fields: unknown, message?: unknown) => lines.push({ bindings, level, fields, message })) as Logger['info'];
      return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: (more) => make({ ...bindings, ...more }) };
    };
    writeLogRecord(make({}), { type: 'log', level: 'error', bindings: { thread: 'core-writer' }, fields: { eventId: 'e1' }, message: 'failed' });
    expect(lines).toEqual([{ bindings: { thread: 'core-writer' }, level: 'error', fields: { eventId: 'e1' }, message: 'failed' }]);
  });
});
