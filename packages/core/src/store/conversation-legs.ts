import { newId, type ChannelAccount, type Identity, type Leg } from '@switchboard/events';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { contactIdentities, conversations, legs } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import type { ChannelCatalog } from '../host/channel-catalog';
import { requireConversation } from './conversation-lookup';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';
import { toLeg } from './row-mappers';

/** A way to reply in a conversation: a leg it has, or one that could be opened. */
export type ReplyOption = {
  /** `leg`: the conversation runs over it; `new`: opening it (POST …/legs) starts a thread there. */
  kind: 'leg' | 'new';
  legId: string | null;
  channel: string;
  account: string;
  /** The account's label as its channel describes it; null when the channel did not say. */
  accountLabel: string | null;
  thread: string;
  identity: Identity | null;
  /** The customer's last message on this channel thread, in any conversation. */
  lastInboundAt: string | null;
  /** Until when an agent may write freely here; null when the channel account has no window. */
  replyWindowClosesAt: string | null;
};

type ThreadKey = { channel: string; account: string; thread: string };

/**
 * A key for a channel thread in maps: legs over the same thread share the provider's reply window.
 *
 * @example
 * threadKey(leg); // 'channel-twilio\u001fmain\u001f+15550100'
 */
export function threadKey(t: ThreadKey): string {
  return `${t.channel}\u001f${t.account}\u001f${t.thread}`;
}

/**
 * Every way an agent can reply in a conversation: its legs, then — for each account of an enabled
 * channel whose `identityType` the contact has an identity of — a leg that could be opened there
 * (thread = the identity's value), unless the conversation already runs over that thread. Each
 * with its reply window: the account's (see ChannelCatalog.replyWindowHours), counted from the
 * customer's last message on that thread in any conversation — providers count per thread.
 *
 * @example
 * const { items } = await listReplyOptions(db, conversationId, catalog);
 */
export async function listReplyOptions(db: Database, conversationId: string, catalog: ChannelCatalog): Promise<{ items: ReplyOption[] }> {
  const [conversation] = await db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId));
  if (!conversation) throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${conversationId} does not exist`, status: 404 });
  const legRows = await db.select().from(legs).where(eq(legs.conversationId, conversationId)).orderBy(asc(legs.createdAt));
  const identities = await db
    .select({ type: contactIdentities.type, value: contactIdentities.value })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, conversation.contactId))
    .orderBy(asc(contactIdentities.createdAt));
  const described = await Promise.all(
    [...new Set([...catalog.channels(), ...legRows.map((l) => l.channel)])].map(async (channel) => ({ channel, accounts: await catalog.accounts(channel) })),
  );
  const label = (channel: string, account: string) => described.find((d) => d.channel === channel)?.accounts.find((a) => a.id === account)?.label ?? null;

  const options: Omit<ReplyOption, 'lastInboundAt' | 'replyWindowClosesAt'>[] = legRows.map((row) => {
    const leg = toLeg(row);
    return { kind: 'leg', legId: leg.id, channel: leg.channel, account: leg.account, accountLabel: label(leg.channel, leg.account), thread: leg.thread, identity: leg.identity };
  });
  const taken = new Set(options.map(threadKey));
  for (const { channel, accounts } of described) {
    if (!catalog.channels().includes(channel)) continue;
    for (const account of accounts) {
      for (const identity of identities.filter((i) => i.type === account.identityType)) {
        const option = { kind: 'new' as const, legId: null, channel, account: account.id, accountLabel: account.label, thread: identity.value, identity };
        if (taken.has(threadKey(option))) continue;
        taken.add(threadKey(option));
        options.push(option);
      }
    }
  }

  const inbound = await lastInboundByThread(db, options);
  const now = new Date().toISOString();
  const items = await Promise.all(
    options.map(async (option) => {
      const lastInboundAt = inbound.get(threadKey(option)) ?? null;
      const hours = await catalog.replyWindowHours(option.channel, option.account);
      // A thread the customer never wrote on was never open: closed since the leg exists, or now.
      const since = option.legId ? legRows.find((l) => l.id === option.legId)!.createdAt : now;
      return { ...option, lastInboundAt, replyWindowClosesAt: replyWindowClosesAt(lastInboundAt, since, hours) };
    }),
  );
  return { items };
}

/**
 * When an agent can no longer write freely: the customer's last message plus the window; `null`
 * without a window; `neverOpenSince` when the customer never wrote.
 *
 * @example
 * replyWindowClosesAt('2025-01-01T10:00:00.000Z', leg.createdAt, 24); // '2025-01-02T10:00:00.000Z'
 */
export function replyWindowClosesAt(lastInboundAt: string | null, neverOpenSince: string, hours: number | undefined): string | null {
  if (hours === undefined) return null;
  if (!lastInboundAt) return neverOpenSince;
  return new Date(Date.parse(lastInboundAt) + hours * 3_600_000).toISOString();
}

/**
 * The customer's last message on each channel thread, over the legs of every conversation.
 *
 * @example
 * const at = await lastInboundByThread(db, [{ channel: 'channel-twilio', account: 'main', thread: '+15550100' }]);
 */
export async function lastInboundByThread(db: Database, threads: readonly ThreadKey[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (threads.length === 0) return out;
  const rows = await db.all<{ channel: string; account: string; thread: string; at: string | null }>(sql`
    SELECT channel, account, thread, max(last_inbound_at) AS at FROM legs
    WHERE (channel, account, thread) IN (VALUES ${sql.join(threads.map((t) => sql`(${t.channel}, ${t.account}, ${t.thread})`), sql`, `)})
    GROUP BY channel, account, thread`);
  for (const row of rows) if (row.at) out.set(threadKey(row), row.at);
  return out;
}

/** What opening a leg needs: the account as its channel described it, and the contact's identity to write to. */
export type OpenLegInput = { conversationId: string; channel: string; account: ChannelAccount; identity: Identity | undefined };

/**
 * Opens a leg of a conversation on another channel account, for a contact who has an identity of
 * the type the account writes to: thread = the identity's value (`core.conversation.leg_added.v1`).
 * Idempotent: the same leg (channel, account, thread) already in the conversation is returned
 * with `created: false`. Without such an identity, or for an account that cannot start
 * conversations, a 422 `SWB_ERR_LEG_UNAVAILABLE`.
 *
 * @example
 * const { leg } = await queue.write((tx) => openLeg(tx, { conversationId, channel: 'channel-twilio', account, identity: undefined }, ctx));
 */
export async function openLeg(tx: Tx, input: OpenLegInput, context: EventContext): Promise<{ leg: Leg; created: boolean }> {
  const conversation = await requireConversation(tx, input.conversationId);
  const { account, channel } = input;
  const unavailable = (message: string) => new CoreError({ code: CoreErrorCodes.LEG_UNAVAILABLE, message, status: 422 });
  if (!account.identityType) throw unavailable(`account ${account.id} of ${channel} cannot start conversations (it names no identity type it writes to)`);
  const owned = await tx
    .select({ type: contactIdentities.type, value: contactIdentities.value })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, conversation.contactId), eq(contactIdentities.type, account.identityType)))
    .orderBy(asc(contactIdentities.createdAt));
  const identity = input.identity ? owned.find((i) => i.type === input.identity!.type && i.value === input.identity!.value) : owned[0];
  if (!identity) {
    throw unavailable(
      input.identity
        ? `the contact has no identity ${input.identity.type} ${input.identity.value} to write to on ${channel} ${account.id}`
        : `the contact has no ${account.identityType} identity, so ${channel} ${account.id} cannot reach them`,
    );
  }
  return ensureLeg(tx, conversation.id, { channel, account: account.id, thread: identity.value, identity }, context);
}

/**
 * Adds a leg over a channel thread to a conversation unless it has it already (same channel,
 * account and thread): `core.conversation.leg_added.v1` with the conversation's next sequence
 * number, or the existing leg with `created: false`. The conversation must exist.
 *
 * @example
 * const { leg, created } = await ensureLeg(tx, conversationId, { channel: 'channel-email', account: 'support', thread: 'kim@example.com', identity: null }, ctx);
 */
export async function ensureLeg(
  tx: Tx,
  conversationId: string,
  thread: { channel: string; account: string; thread: string; identity: Identity | null },
  context: EventContext,
): Promise<{ leg: Leg; created: boolean }> {
  const [existing] = await tx
    .select()
    .from(legs)
    .where(and(eq(legs.conversationId, conversationId), eq(legs.channel, thread.channel), eq(legs.account, thread.account), eq(legs.thread, thread.thread)));
  if (existing) return { leg: toLeg(existing), created: false };
  const now = new Date().toISOString();
  const [row] = await tx
    .insert(legs)
    .values({
      id: newId(),
      conversationId,
      channel: thread.channel,
      account: thread.account,
      thread: thread.thread,
      identityType: thread.identity?.type ?? null,
      identityValue: thread.identity?.value ?? null,
      createdAt: now,
    })
    .returning();
  const leg = toLeg(row!);
  const seq = await nextSeq(tx, conversationId, now);
  await appendEvent(tx, 'core.conversation.leg_added.v1', { conversationId, seq, leg }, { ...context, subject: conversationId });
  return { leg, created: true };
}
