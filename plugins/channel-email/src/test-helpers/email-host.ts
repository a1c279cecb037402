import type { CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost, type TestPlugin } from '@switchboard/plugin-sdk/testing';
import nodemailer from 'nodemailer';
import plugin from '../index';
import { freePort } from './ports';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

type Received = CoreEventData<'core.message.received.v1'>;

/** The test's account: support@example.com, replies on inbound.example.com. */
export const SUPPORT = 'support@example.com';
export const REPLY_DOMAIN = 'inbound.example.com';

/** A real Switchboard with channel-email, its SMTP server on a free port and a sink as relay. */
export type EmailTestHost = {
  host: TestHost;
  sink: SmtpSink;
  smtpPort: number;
  /** Sends raw bytes to the plugin's SMTP server with a real SMTP client (nodemailer). */
  sendRaw(raw: Buffer | string, envelope?: { from?: string; to?: string[] }): Promise<{ response: string }>;
  /** The next `core.message.received.v1` whose provider id is the given Message-ID (without brackets). */
  received(providerMessageId: string): Promise<Received>;
  messages(conversationId: string): Promise<Message[]>;
  agentReplies(conversationId: string, text: string, options?: { legId?: string; attachmentIds?: string[]; name?: string }): Promise<Message>;
  stop(): Promise<void>;
};

/** The plugin options the tests share; `extra` replaces top-level keys (and adds to `smtp`). */
export function emailOptions(smtpPort: number, sinkPort: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accounts: [
      {
        id: 'support',
        address: SUPPORT,
        fromName: 'Example Support',
        replyDomain: REPLY_DOMAIN,
        signature: '-- \n{{agentName}}, {{accountName}}',
        outbound: { host: '127.0.0.1', port: sinkPort, secure: false, requireTLS: false, timeoutMs: 5000 },
      },
    ],
    continuity: { enabled: false },
    ...extra,
    // Extra SMTP settings add to the test's listen address rather than replace it.
    smtp: { host: '127.0.0.1', port: smtpPort, maxMessageBytes: 256 * 1024, ...(extra.smtp as Record<string, unknown> | undefined) },
  };
}

/**
 * Starts the host around channel-email (plus any other test plugins).
 *
 * @example
 * const t = await startEmailHost();
 * await t.sendRaw(fixture('inbound-new-conversation.eml'));
 */
export async function startEmailHost(
  options: { extra?: Record<string, unknown>; accounts?: (defaults: Array<Record<string, unknown>>) => Array<Record<string, unknown>>; plugins?: TestPlugin[] } = {},
): Promise<EmailTestHost> {
  const sink = await startSmtpSink();
  const smtpPort = await freePort();
  const pluginOptions = emailOptions(smtpPort, sink.port, options.extra);
  if (options.accounts) pluginOptions.accounts = options.accounts(pluginOptions.accounts as Array<Record<string, unknown>>);
  const host = await startTestHost({
    plugins: [{ definition: plugin, options: pluginOptions }, ...(options.plugins ?? [])],
    delivery: { maxAttempts: 3, backoffMs: [200] },
  });
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  return {
    host,
    sink,
    smtpPort,
    async sendRaw(raw, envelope = {}) {
      const info = await client.sendMail({ envelope: { from: envelope.from ?? 'dana@customer.example.net', to: envelope.to ?? [SUPPORT] }, raw });
      return { response: String(info.response) };
    },
    async received(providerMessageId) {
      const event = await host.waitForEvent<Received>('core.message.received.v1', (e) => e.data.message.providerMessageId === providerMessageId, 20_000);
      return event.data;
    },
    async messages(conversationId) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`);
      if (res.status !== 200) throw new Error(`GET messages answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { items: Message[] }).items;
    },
    async agentReplies(conversationId, text, extra = {}) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        body: JSON.stringify({ clientMessageId: `reply-${Math.random()}`, text, ...(extra.legId ? { legId: extra.legId } : {}), ...(extra.attachmentIds ? { attachmentIds: extra.attachmentIds } : {}) }),
      });
      if (res.status !== 201) throw new Error(`POST messages answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { message: Message }).message;
    },
    async stop() {
      client.close();
      await host.stop();
      await sink.close();
    },
  };
}
