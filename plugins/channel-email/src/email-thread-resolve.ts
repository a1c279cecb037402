import { replyTokenOf, threadKeyOf } from './email-address';
import type { ParsedEmail } from './email-parse';
import type { EmailStore, EmailThread } from './email-store';

/** How an inbound mail found its thread, for logs and the stored raw payload. */
export type ThreadMatch = 'token' | 'in-reply-to' | 'references' | 'subject-key' | 'own-message-id' | 'new';

/** Options of {@link resolveThread}. */
export type ResolveThreadOptions = {
  store: EmailStore;
  account: string;
  /** Reply domains of every account: a `reply+<token>@` on one of them is ours. */
  replyDomains: readonly string[];
  /** Envelope recipients (SMTP `RCPT TO`), which may name the reply address when `To` does not. */
  envelopeRecipients?: readonly string[];
};

/**
 * Finds the thread an inbound mail belongs to, in this order: its own Message-ID (a redelivery of
 * a mail already filed), the reply token in a recipient address, In-Reply-To, References, the
 * `[#KEY]` in the subject. Every match must belong to the same contact (the sender's address,
 * lower-cased): a forged header cannot file a stranger's mail into someone else's conversation.
 * When DMARC failed, only the token counts. Returns null for a new topic.
 *
 * @example
 * const found = await resolveThread(mail, { store, account: 'support', replyDomains: ['inbound.example.com'] });
 * if (!found) await store.createThread({ account: 'support', contactEmail: mail.sender.address, subject });
 */
export async function resolveThread(mail: ParsedEmail, options: ResolveThreadOptions): Promise<{ thread: EmailThread; match: ThreadMatch } | null> {
  const { store, account } = options;
  const contact = mail.sender.address;
  const mine = (thread: EmailThread | null): thread is EmailThread => thread !== null && thread.contactEmail === contact && thread.account === account;

  const own = await store.knownMessageId(account, mail.dedupeKey);
  if (own) {
    const thread = await store.threadByToken(own.token);
    if (mine(thread)) return { thread, match: 'own-message-id' };
  }

  const recipients = [...mail.to, ...mail.cc].map((a) => a.address).concat(options.envelopeRecipients ?? []);
  for (const address of recipients) {
    const token = replyTokenOf(address, options.replyDomains);
    const thread = token ? await store.threadByToken(token) : null;
    if (mine(thread)) return { thread, match: 'token' };
  }

  // From is trivially forged; with DMARC failing, a header that merely names one of our ids is no evidence.
  if (/\bdmarc=fail\b/i.test(mail.authenticationResults ?? '')) return null;

  for (const [ids, match] of [
    [mail.inReplyTo, 'in-reply-to'],
    [[...mail.references].reverse(), 'references'],
  ] as const) {
    for (const id of ids) {
      const known = await store.knownMessageId(account, id);
      const thread = known ? await store.threadByToken(known.token) : null;
      if (mine(thread)) return { thread, match };
    }
  }

  const key = threadKeyOf(mail.subject);
  const byKey = key ? await store.threadByKey(key) : null;
  if (mine(byKey)) return { thread: byKey, match: 'subject-key' };
  return null;
}
