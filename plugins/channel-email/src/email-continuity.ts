import { coreCommands, type CoreEventData, type Identity } from '@switchboard/events';
import { isSwitchboardError, type PluginContext } from '@switchboard/plugin-sdk';
import { normaliseAddress, safeDisplayName } from './email-address';
import type { EmailAccount, EmailConfig } from './email-config';
import type { EmailStore } from './email-store';

/** The events and commands continuity uses. */
export const CONTINUITY_CONSUMES = [
  'core.message.sent.v1',
  'core.message.delivery_updated.v1',
  'core.message.received.v1',
  'core.contact.get.v1',
  'core.conversation.add_leg.v1',
  'core.message.send.v1',
];

/**
 * The account continuity sends from: `continuity.account`, else the first account with an outbound
 * relay; null when none can send (continuity then stays off).
 *
 * @example
 * if (continuityAccount(config)) createContinuity({ ctx, config, store }).start();
 */
export function continuityAccount(config: EmailConfig): EmailAccount | null {
  return config.accounts.find((a) => a.id === config.continuity.account) ?? config.accounts.find((a) => a.outbound) ?? null;
}

/** A claimed row left in `sending` this long (a crashed worker) is due again. */
const STALE_CLAIM_MS = 5 * 60_000;
const BATCH = 100;

type Sent = CoreEventData<'core.message.sent.v1'>;
type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;
type Received = CoreEventData<'core.message.received.v1'>;
type Waiting = { messageId: string; text: string; attachmentIds: string[]; sender: { kind: string; id: string | null; name: string | null } };

/**
 * Chat-to-email continuity: an agent's reply on another channel (web chat) that the customer has
 * not read after `continuity.delaySeconds` is emailed to the address the customer left — a verified
 * email identity, else an email hint, else the `email` attribute — on an email leg of the same
 * conversation, so the customer's answer by email lands back in it. Durable: waiting replies are
 * rows in the plugin's table, checked by a timer every `continuity.checkSeconds`; a `read`
 * delivery update or a new customer message on that conversation cancels them.
 *
 * @example
 * const continuity = createContinuity({ ctx, config: ctx.config, store });
 * continuity.start();
 */
export function createContinuity(options: { ctx: PluginContext<EmailConfig>; config: EmailConfig; store: EmailStore }) {
  const { ctx, config, store } = options;
  const table = ctx.storage.table('continuity');
  const account: EmailAccount = continuityAccount(config)!;
  const log = ctx.logger.child({ part: 'continuity' });
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;

  const watches = (channel: string | null) =>
    channel !== null && channel !== ctx.id && (config.continuity.channels.length === 0 || config.continuity.channels.includes(channel));

  ctx.bus.subscribe('continuity', {
    types: ['core.message.sent.v1', 'core.message.delivery_updated.v1', 'core.message.received.v1'],
    handler: async (event) => {
      const now = new Date().toISOString();
      if (event.type === 'core.message.sent.v1') {
        const { message } = event.data as Sent;
        if (message.private || message.direction !== 'outbound' || !watches(message.channel)) return;
        if (message.sender.kind !== 'agent' && message.sender.kind !== 'bot') return;
        const due = new Date(Date.parse(message.createdAt) + config.continuity.delaySeconds * 1000).toISOString();
        const detail: Waiting = { messageId: message.id, text: message.text, attachmentIds: message.attachments.map((a) => a.id), sender: message.sender };
        await ctx.storage.execute(
          `INSERT INTO ${table} (message_id, conversation_id, channel, state, due_at, detail, created_at, updated_at) VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [message.id, message.conversationId, message.channel!, due, JSON.stringify(detail), message.createdAt, now],
        );
      } else if (event.type === 'core.message.delivery_updated.v1') {
        const data = event.data as DeliveryUpdated;
        if (data.state === 'read') await ctx.storage.execute(`UPDATE ${table} SET state = 'read', updated_at = ? WHERE message_id = ? AND state = 'waiting'`, [now, data.messageId]);
      } else {
        const { message } = event.data as Received;
        // The customer wrote again after the reply: they are there and have seen it.
        if (message.channel !== ctx.id) {
          await ctx.storage.execute(`UPDATE ${table} SET state = 'answered', updated_at = ? WHERE conversation_id = ? AND state = 'waiting' AND created_at <= ?`, [now, message.conversationId, message.createdAt]);
        }
      }
    },
  });

  async function emailOf(conversationId: string): Promise<{ address: string; legId: string | null; thread: string | null } | null> {
    const { contact, conversation } = await ctx.bus.request('core.contact.get.v1', coreCommands['core.contact.get.v1'], { conversationId });
    const ours = conversation?.legs.filter((l) => l.channel === ctx.id && l.account === account.id).at(-1);
    if (ours) {
      const address = normaliseAddress(ours.identity?.type === 'email' ? ours.identity.value : ours.thread.split('#')[0]);
      if (address) return { address, legId: ours.id, thread: ours.thread };
    }
    const firstEmail = (list: Identity[]) => list.filter((i) => i.type === 'email').map((i) => normaliseAddress(i.value)).find((a): a is string => a !== null);
    const attribute = contact.attributes.email;
    const address = firstEmail(contact.identities) ?? firstEmail(contact.hints) ?? (typeof attribute === 'string' ? normaliseAddress(attribute) : null);
    return address ? { address, legId: null, thread: null } : null;
  }

  async function sendFor(conversationId: string, waiting: Waiting[]): Promise<string> {
    const target = await emailOf(conversationId);
    if (!target) return 'skipped: the contact left no email address';
    let legId = target.legId;
    if (!legId) {
      const accountName = safeDisplayName(account.fromName ?? account.label) ?? account.address;
      const thread =
        (await store.threadOfConversation(account.id, target.address, conversationId)) ??
        (await store.createThread({ account: account.id, contactEmail: target.address, subject: `Your conversation with ${accountName}`, conversationId }));
      const { leg } = await ctx.bus.request('core.conversation.add_leg.v1', coreCommands['core.conversation.add_leg.v1'], {
        conversationId,
        channel: ctx.id,
        account: account.id,
        thread: thread.thread,
        identity: { type: 'email', value: target.address },
      });
      legId = leg.id;
    }
    const last = waiting.at(-1)!;
    const text = waiting.map((w) => w.text).filter(Boolean).join('\n\n');
    const { message } = await ctx.bus.request('core.message.send.v1', coreCommands['core.message.send.v1'], {
      conversationId,
      clientMessageId: `${ctx.id}:continuity:${waiting[0]!.messageId}`,
      text,
      attachmentIds: waiting.flatMap((w) => w.attachmentIds),
      legId,
      // The agent's own words, relayed: sent as theirs, so the mail is a person's reply (no Auto-Submitted).
      sender: { kind: last.sender.kind === 'bot' ? 'bot' : 'agent', id: last.sender.id ?? ctx.id, name: last.sender.name },
    });
    return `sent as ${message.id}`;
  }

  async function tick(): Promise<void> {
    const now = new Date();
    await ctx.storage.execute(`UPDATE ${table} SET state = 'waiting' WHERE state = 'sending' AND updated_at < ?`, [new Date(now.getTime() - STALE_CLAIM_MS).toISOString()]);
    const due = await ctx.storage.execute(
      `SELECT conversation_id, min(due_at) AS first_due FROM ${table} WHERE state = 'waiting' AND due_at <= ? GROUP BY conversation_id ORDER BY first_due LIMIT ?`,
      [now.toISOString(), BATCH],
    );
    for (const row of due.rows) {
      const conversationId = String(row.conversation_id);
      const claimedAt = new Date().toISOString();
      // Claiming by update: of several workers, one gets the rows.
      const claim = await ctx.storage.execute(`UPDATE ${table} SET state = 'sending', updated_at = ? WHERE conversation_id = ? AND state = 'waiting' AND due_at <= ?`, [claimedAt, conversationId, now.toISOString()]);
      if (claim.rowsAffected === 0) continue;
      const rows = await ctx.storage.execute(`SELECT detail FROM ${table} WHERE conversation_id = ? AND state = 'sending' AND updated_at = ? ORDER BY created_at`, [conversationId, claimedAt]);
      const waiting = rows.rows.map((r) => JSON.parse(String(r.detail)) as Waiting);
      const ids = waiting.map((w) => w.messageId);
      const placeholders = ids.map(() => '?').join(', ');
      try {
        const outcome = await sendFor(conversationId, waiting);
        await ctx.storage.execute(`UPDATE ${table} SET state = ?, detail = json_set(detail, '$.outcome', ?), updated_at = ? WHERE message_id IN (${placeholders})`, [
          outcome.startsWith('sent') ? 'sent' : 'skipped',
          outcome,
          new Date().toISOString(),
          ...ids,
        ]);
        log.info({ conversationId, replies: ids.length, outcome }, 'continuity');
      } catch (err) {
        const retryable = !isSwitchboardError(err) || err.retryable;
        const later = new Date(Date.now() + config.continuity.checkSeconds * 4000).toISOString();
        await ctx.storage.execute(`UPDATE ${table} SET state = ?, due_at = ?, updated_at = ? WHERE message_id IN (${placeholders})`, [retryable ? 'waiting' : 'failed', later, new Date().toISOString(), ...ids]);
        log.warn({ err, conversationId, retryable }, 'emailing unread replies failed');
      }
    }
  }

  return {
    start() {
      timer = setInterval(() => {
        ticking ??= tick()
          .catch((err: unknown) => log.warn({ err }, 'continuity check failed'))
          .finally(() => {
            ticking = null;
          });
      }, config.continuity.checkSeconds * 1000);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await ticking;
    },
  };
}
