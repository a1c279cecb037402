import type { DeliverInput, DeliverOutput, Leg } from '@switchboard/events';
import { DeliveryFailure, type Logger } from '@switchboard/plugin-sdk';
import nodemailer, { type Transporter } from 'nodemailer';
import { isPlainAddress, normaliseAddress } from './email-address';
import { composeReply, toNodemailerMessage } from './email-compose';
import type { EmailAccount, EmailConfig } from './email-config';
import { referencesFor, type EmailStore, type EmailThread } from './email-store';

/** Longest time one attachment download may take. */
const ATTACHMENT_TIMEOUT_MS = 10_000;

/** Options of {@link createEmailDeliver}. */
export type EmailDeliverOptions = {
  id: string;
  config: EmailConfig;
  store: EmailStore;
  logger: Logger;
};

/**
 * Creates the channel's `deliver`: sends an agent's reply over the account's SMTP relay with our
 * Message-ID, In-Reply-To/References and the thread's reply address, attachments fetched from
 * their signed URLs. 250 → `sent` (providerMessageId = our Message-ID). 4xx and connection
 * problems throw a retryable DeliveryFailure; 5xx a permanent one with the server's words. A leg
 * the core opened (thread = the contact's address) starts a new email thread.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createEmailDeliver({ id: ctx.id, config: ctx.config, store, logger: ctx.logger }).deliver });
 */
export function createEmailDeliver(options: EmailDeliverOptions) {
  const { config, store, logger } = options;
  const transports = new Map<string, Transporter>();

  function transportOf(account: EmailAccount): Transporter {
    const existing = transports.get(account.id);
    if (existing) return existing;
    const out = account.outbound!;
    const transport = nodemailer.createTransport({
      host: out.host,
      port: out.port,
      secure: out.secure,
      requireTLS: !out.secure && out.requireTLS,
      ignoreTLS: !out.secure && !out.requireTLS,
      ...(out.user ? { auth: { user: out.user, pass: out.password ?? '' } } : {}),
      connectionTimeout: out.timeoutMs,
      greetingTimeout: out.timeoutMs,
      socketTimeout: out.timeoutMs,
      tls: { rejectUnauthorized: out.rejectUnauthorized },
    });
    transports.set(account.id, transport);
    return transport;
  }

  async function threadFor(account: EmailAccount, leg: Leg, conversationId: string): Promise<EmailThread> {
    const known = await store.threadByLeg(account.id, leg.thread);
    if (known) return known;
    // A leg the core opened for a contact with an email identity: thread = that address.
    const contact = normaliseAddress(leg.identity?.type === 'email' ? leg.identity.value : leg.thread.split('#')[0]);
    if (!contact) {
      throw new DeliveryFailure({ code: 'invalid_recipient', message: `channel-email: leg ${leg.id} has no email address to write to (thread "${leg.thread.slice(0, 80)}")`, retryable: false });
    }
    return store.createThread({ account: account.id, contactEmail: contact, subject: '', thread: leg.thread, conversationId });
  }

  async function deliver(input: DeliverInput): Promise<DeliverOutput> {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      throw new DeliveryFailure({ code: 'not_deliverable', message: `channel-email: message ${message.id} is not an outbound customer message`, retryable: false });
    }
    const account = config.accounts.find((a) => a.id === leg.account);
    if (!account) throw new DeliveryFailure({ code: 'unknown_account', message: `channel-email: the leg's account "${leg.account}" is not configured (accounts[].id)`, retryable: false });
    if (!account.outbound) throw new DeliveryFailure({ code: 'no_outbound', message: `channel-email: account "${account.id}" has no outbound SMTP relay; set accounts[].outbound`, retryable: false });
    const thread = await threadFor(account, leg, message.conversationId);
    if (!isPlainAddress(thread.contactEmail)) throw new DeliveryFailure({ code: 'invalid_recipient', message: `channel-email: "${thread.contactEmail.slice(0, 80)}" is not a deliverable address`, retryable: false });
    await store.setConversation(thread.token, message.conversationId);

    const parent = await store.parentOf(thread.token);
    const references = referencesFor(parent);
    const mail = composeReply({ input, account, thread, parent, references, hasInbound: await store.hasInbound(thread.token) });
    // Known before the send: a bounce or an answer can arrive before the SMTP session even ends.
    await store.rememberMessageId({ account: account.id, messageId: mail.messageId, token: thread.token, direction: 'out', coreMessageId: message.id, refs: references });
    const attachments = await Promise.all(input.attachments.map((a) => download(a)));

    const log = logger.child({ messageId: message.id, account: account.id, attempt: input.attempt });
    try {
      const info = await transportOf(account).sendMail(toNodemailerMessage(mail, account.address, attachments));
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) {
        throw new DeliveryFailure({ code: 'smtp_rejected', message: `channel-email: the relay refused ${rejected.join(', ')}: ${String(info.response ?? '')}`, retryable: false });
      }
      log.info({ providerMessageId: mail.messageId }, 'mail accepted by the relay');
      return { providerMessageId: mail.messageId, state: 'sent' };
    } catch (err) {
      if (err instanceof DeliveryFailure) throw err;
      const failure = smtpFailure(err, account);
      log.warn({ code: failure.code, retryable: failure.retryable }, 'mail not sent');
      throw failure;
    }
  }

  return {
    deliver,
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}

async function download(attachment: DeliverInput['attachments'][number]) {
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(ATTACHMENT_TIMEOUT_MS) });
  } catch (cause) {
    throw new DeliveryFailure({ code: 'attachment_unavailable', message: `channel-email: attachment "${attachment.name}" could not be downloaded`, retryable: true, cause });
  }
  if (!response.ok) {
    throw new DeliveryFailure({ code: 'attachment_unavailable', message: `channel-email: attachment "${attachment.name}" answered ${response.status}`, retryable: response.status >= 500 || response.status === 429 });
  }
  return {
    filename: attachment.name.replace(/[\u0000-\u001f\u007f]/g, ' '),
    contentType: attachment.contentType,
    content: Buffer.from(await response.arrayBuffer()),
  };
}

/**
 * Maps what nodemailer threw to a DeliveryFailure: an SMTP reply code ≥ 500 is permanent (unknown
 * user, policy, authentication), 4xx is temporary, and anything without a code (connection,
 * timeout, TLS, DNS) is retried.
 *
 * @example
 * throw smtpFailure(err, account);
 */
export function smtpFailure(err: unknown, account: Pick<EmailAccount, 'id' | 'outbound'>): DeliveryFailure {
  const e = err as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const words = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const relay = account.outbound ? `${account.outbound.host}:${account.outbound.port}` : 'the relay';
  if (responseCode !== null) {
    return new DeliveryFailure({
      code: `smtp_${responseCode}`,
      message: `channel-email: ${relay} answered ${words.slice(0, 500)}`,
      retryable: responseCode < 500,
      cause: err,
    });
  }
  const code = typeof e.code === 'string' ? e.code : 'network';
  return new DeliveryFailure({ code: `smtp_${code.toLowerCase()}`, message: `channel-email: could not send through ${relay}: ${words.slice(0, 300)}`, retryable: true, cause: err });
}
