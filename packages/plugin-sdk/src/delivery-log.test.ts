import type { DeliverInput } from '@switchboard/events';
import { describe, expect, it } from 'vitest';
import { withDeliveryLog } from './delivery-log';
import { DeliveryFailure } from './errors';
import type { LogFn, Logger } from './logger';

type Line = { level: string; message: string; fields: Record<string, unknown> };

function recordingLogger(lines: Line[], bound: Record<string, unknown> = {}): Logger {
  const at =
    (level: string): LogFn =>
    (fields: Record<string, unknown> | string, message?: string) =>
      void lines.push(typeof fields === 'string' ? { level, message: fields, fields: bound } : { level, message: message ?? '', fields: { ...bound, ...fields } });
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: (more) => recordingLogger(lines, { ...bound, ...more }) };
}

// Only what the wrapper reads; the text is there to prove it is never logged.
const input = { message: { id: 'msg_01', text: 'my card number is 4111 1111 1111 1111' }, leg: { account: 'support' }, attempt: 2 } as unknown as DeliverInput;
const meta = { id: 'cmd_01', correlationId: 'corr_01', source: 'core' };

describe('withDeliveryLog', () => {
  it('logs a sent message with its provider id, the message, account, attempt and correlation', async () => {
    const lines: Line[] = [];
    const deliver = withDeliveryLog(async () => ({ providerMessageId: 'prov-1', state: 'sent' as const }), recordingLogger(lines));
    await expect(deliver(input, meta)).resolves.toEqual({ providerMessageId: 'prov-1', state: 'sent' });
    expect(lines).toEqual([
      { level: 'info', message: 'message sent', fields: { messageId: 'msg_01', account: 'support', attempt: 2, correlationId: 'corr_01', providerMessageId: 'prov-1' } },
    ]);
  });

  it('logs a failure with its code, whether it is retried and its reason, and passes it on unchanged', async () => {
    const lines: Line[] = [];
    const failure = new DeliveryFailure({ code: 'acme_429', message: 'rate limited', retryable: true });
    const deliver = withDeliveryLog(() => Promise.reject(failure), recordingLogger(lines));
    await expect(deliver(input, meta)).rejects.toBe(failure);
    expect(lines).toEqual([{ level: 'warn', message: 'send failed', fields: { messageId: 'msg_01', account: 'support', attempt: 2, correlationId: 'corr_01', code: 'acme_429', retryable: true, reason: 'rate limited' } }]);
  });

  it('logs any other error as it is, and never the message text', async () => {
    const lines: Line[] = [];
    const boom = new TypeError('fetch failed');
    const deliver = withDeliveryLog(() => Promise.reject(boom), recordingLogger(lines));
    await expect(deliver(input, meta)).rejects.toBe(boom);
    expect(lines.map((l) => [l.level, l.message, l.fields.err])).toEqual([['warn', 'send failed', boom]]);
    expect(JSON.stringify(lines)).not.toContain('4111');
  });
});
