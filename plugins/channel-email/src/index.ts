import { deliverCommandName, describeChannelCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin, isSwitchboardError } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { EmailConfigSchema } from './email-config';
import { continuityAccount, createContinuity, CONTINUITY_CONSUMES } from './email-continuity';
import { createEmailDeliver } from './email-deliver';
import { createImapPoller, type ImapPoller } from './email-imap';
import { createInboundProcessor } from './email-inbound';
import { createMailIngest, MAIL_PROCESSED_EVENT, MAIL_RECEIVED_EVENT } from './email-ingest';
import { emailMigrations } from './email-migrations';
import { createSmtpReceiver, type SmtpReceiver } from './email-smtp-server';
import { createEmailStore } from './email-store';

export { EmailConfigSchema, replyDomainOf, messageIdDomainOf } from './email-config';
export type { EmailConfig, EmailAccount, EmailImapConfig, EmailOutboundConfig, EmailSmtpServerConfig } from './email-config';
export { EmailError, EmailErrorCodes } from './email-errors';
export type { EmailErrorCode } from './email-errors';
export { parseEmail, dedupeKeyOf } from './email-parse';
export type { ParsedEmail, MailAddress, MailPart } from './email-parse';
export { sanitizeEmailHtml } from './email-html';
export { trimReply } from './email-reply-trim';
export { readBounce } from './email-bounce';
export type { Bounce } from './email-bounce';
export { autoReplyReason } from './email-auto-reply';
export { MAIL_PROCESSED_EVENT, MAIL_RECEIVED_EVENT } from './email-ingest';
export { outboundMessageId, renderSignature } from './email-compose';

const PLUGIN_ID = 'channel-email';
const MailReceivedSchema = v.object({ mailId: v.string(), account: v.string() });
/** Mails stored longer than this without being processed are queued again at start. */
const PENDING_SWEEP_AGE_MS = 60_000;

/**
 * Email as a channel: mail reaches Switchboard through the plugin's own SMTP server (MX or
 * forwarding) and/or by IMAP polling/IDLE of existing mailboxes; agents' replies leave over an
 * SMTP relay with proper threading headers and a `reply+<token>@` Reply-To. Bounces fail the
 * outbound message; auto-replies never reopen conversations. Unread agent replies from other
 * channels (web chat) can follow the customer by email after a delay.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-email:
 * //     options:
 * //       smtp: { port: 2525 }
 * //       accounts:
 * //         - id: support
 * //           address: support@example.com
 * //           replyDomain: inbound.example.com
 * //           outbound: { host: smtp.example.com, user: support@example.com, password: ${SMTP_PASSWORD} }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', 'core.conversation.add_note.v1', MAIL_RECEIVED_EVENT, ...CONTINUITY_CONSUMES],
  produces: [deliverCommandName(PLUGIN_ID), describeChannelCommandName(PLUGIN_ID), MAIL_RECEIVED_EVENT, MAIL_PROCESSED_EVENT],
  config: EmailConfigSchema,
  migrations: emailMigrations,
  setup(ctx) {
    const { config } = ctx;
    const store = createEmailStore(ctx.storage);
    const outbound = createEmailDeliver({ id: ctx.id, config, store, logger: ctx.logger });
    const channel = createChannelAdapter(ctx, {
      deliver: (input) => outbound.deliver(input),
      accounts: config.accounts.map((a) => ({ id: a.id, label: a.label ?? a.address, identityType: 'email', replyWindowHours: null })),
    });
    const ingest = createMailIngest({ store, bus: ctx.bus, logger: ctx.logger });
    const process = createInboundProcessor({ id: ctx.id, config, store, channel, attachments: ctx.attachments, bus: ctx.bus, logger: ctx.logger });

    ctx.bus.subscribe('mail', {
      types: [MAIL_RECEIVED_EVENT],
      handler: async (event) => {
        const data = v.safeParse(MailReceivedSchema, event.data);
        if (!data.success) {
          ctx.logger.warn({ eventId: event.id }, 'mail event without a mail id; ignored');
          return;
        }
        let outcome: string | null;
        try {
          outcome = await process(data.output.mailId);
        } catch (err) {
          // The core refusing for good (not a hiccup): retrying cannot help, so the mail is set aside, logged.
          if (!isSwitchboardError(err) || err.retryable) throw err;
          ctx.logger.error({ err, mailId: data.output.mailId, code: err.code }, 'mail could not be recorded; set aside');
          await store.finishMail(data.output.mailId, 'failed', `${err.code}: ${err.message}`);
          outcome = 'failed';
        }
        if (outcome) await ctx.bus.publish(MAIL_PROCESSED_EVENT, { ...data.output, outcome }, { correlationId: data.output.mailId, causationId: event.id });
      },
    });

    // Without an account that can send, there is nothing to continue by; say so once instead of failing every reply.
    const continuity = config.continuity.enabled && continuityAccount(config) ? createContinuity({ ctx, config, store }) : null;
    if (config.continuity.enabled && !continuity) ctx.logger.info('continuity is off: no account has an outbound relay (accounts[].outbound)');
    const receiver: SmtpReceiver | null = config.smtp ? createSmtpReceiver({ config: config.smtp, accounts: config.accounts, store, ingest, logger: ctx.logger.child({ part: 'smtp' }) }) : null;
    const pollers: ImapPoller[] = config.accounts
      .filter((a) => a.imap)
      .map((account) => createImapPoller({ account, imap: account.imap!, store, ingest, logger: ctx.logger.child({ part: 'imap', account: account.id }) }));

    return {
      async start() {
        if (receiver) {
          const { port } = await receiver.listen();
          ctx.logger.info({ host: config.smtp!.host, port }, 'SMTP server listening');
        }
        for (const poller of pollers) poller.start();
        continuity?.start();
        // A crash between storing a mail and publishing its event leaves it waiting: queue it again.
        const pending = await store.pendingMails(new Date(Date.now() - PENDING_SWEEP_AGE_MS).toISOString(), 500);
        for (const mail of pending) await ctx.bus.publish(MAIL_RECEIVED_EVENT, mail, { correlationId: mail.id });
      },
      async stop() {
        await continuity?.stop();
        await Promise.all(pollers.map((p) => p.stop()));
        await receiver?.close();
        outbound.close();
      },
    };
  },
});
