import type { Logger, PluginBus } from '@switchboard/plugin-sdk';
import { dedupeKeyOf } from './email-parse';
import type { EmailStore } from './email-store';

/** The event the plugin publishes for each stored mail; its own durable consumer parses it. */
export const MAIL_RECEIVED_EVENT = 'channel-email.mail.received.v1';
/** Published once a stored mail was processed, with what became of it (for operators and tests). */
export const MAIL_PROCESSED_EVENT = 'channel-email.mail.processed.v1';

/** Where a raw mail came from, and what the SMTP envelope said. */
export type IngestInput = { account: string; raw: Buffer; source: 'smtp' | 'imap'; envelope?: { mailFrom: string | null; rcptTo: string[]; remoteAddress?: string } | null };

/**
 * Stores a raw mail durably, once per (account, Message-ID or content hash), and publishes
 * {@link MAIL_RECEIVED_EVENT} so it is parsed asynchronously. A repeat that was never processed
 * (its event was lost) is published again; a processed repeat is only reported as duplicate.
 * Throws when the mail could not be stored or published: the SMTP server then answers 451 and
 * the sender retries; IMAP leaves the message unmarked for the next poll.
 *
 * @example
 * const { duplicate } = await ingest({ account: 'support', raw, source: 'smtp', envelope });
 */
export function createMailIngest(options: { store: EmailStore; bus: Pick<PluginBus, 'publish'>; logger: Logger }) {
  return async (input: IngestInput): Promise<{ mailId: string; duplicate: boolean }> => {
    const dedupeKey = dedupeKeyOf(input.raw);
    const stored = await options.store.insertMail({ account: input.account, dedupeKey, source: input.source, raw: input.raw, envelope: input.envelope ?? null });
    if (stored.duplicate && stored.state !== 'received') {
      options.logger.info({ mailId: stored.id, account: input.account, source: input.source }, 'mail already received; not stored again');
      return { mailId: stored.id, duplicate: true };
    }
    await options.bus.publish(MAIL_RECEIVED_EVENT, { mailId: stored.id, account: input.account }, { correlationId: stored.id });
    return { mailId: stored.id, duplicate: stored.duplicate };
  };
}

/** The ingest function. */
export type MailIngest = ReturnType<typeof createMailIngest>;
