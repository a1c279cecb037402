import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

// Table definitions for typed queries. The DDL that creates them lives in ./migrations.ts and is
// applied in order; a change here always comes with a new migration there.

export const contacts = sqliteTable('contacts', {
  id: text('id').primaryKey(),
  name: text('name'),
  mergedInto: text('merged_into'),
  attributes: text('attributes').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const contactIdentities = sqliteTable(
  'contact_identities',
  {
    type: text('type').notNull(),
    value: text('value').notNull(),
    contactId: text('contact_id').notNull(),
    evidence: text('evidence').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.type, t.value] }), index('contact_identities_contact').on(t.contactId), index('contact_identities_value').on(t.value)],
);

/** Unverified details of a contact (a typed email, a phone from a form): shown to agents, never identities. */
export const contactDetails = sqliteTable(
  'contact_details',
  {
    contactId: text('contact_id').notNull(),
    type: text('type').notNull(),
    value: text('value').notNull(),
    /** The channel that reported it. */
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.type, t.value] }), index('contact_details_value').on(t.value)],
);

/** Merge suggestions an agent dismissed, per pair of contacts (`contact_id` < `other_contact_id`). */
export const contactSuggestionDismissals = sqliteTable(
  'contact_suggestion_dismissals',
  {
    contactId: text('contact_id').notNull(),
    otherContactId: text('other_contact_id').notNull(),
    /** `<kind>:<id>` of who dismissed it. */
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.otherContactId] })],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id').notNull(),
    status: text('status', { enum: ['open', 'pending', 'snoozed', 'resolved'] }).notNull(),
    assigneeId: text('assignee_id'),
    teamId: text('team_id'),
    priority: text('priority'),
    labels: text('labels').notNull().default('[]'),
    attributes: text('attributes').notNull().default('{}'),
    snoozedUntil: text('snoozed_until'),
    seq: integer('seq').notNull().default(0),
    lastMessageText: text('last_message_text'),
    lastActivityAt: text('last_activity_at').notNull(),
    lastInboundAt: text('last_inbound_at'),
    waitingSince: text('waiting_since'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('conversations_contact').on(t.contactId),
    index('conversations_activity').on(t.lastActivityAt, t.id),
    index('conversations_status_activity_id').on(t.status, t.lastActivityAt, t.id),
    index('conversations_assignee').on(t.assigneeId, t.status, t.lastActivityAt),
    index('conversations_team').on(t.teamId, t.status, t.lastActivityAt),
    // conversations_waiting and conversations_status_waiting index (waiting_since IS NULL) too:
    // see migration core:0004_inbox.
    index('conversations_waiting').on(t.waitingSince, t.id),
    index('conversations_status_waiting').on(t.status, t.waitingSince, t.id),
  ],
);

export const legs = sqliteTable(
  'legs',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    channel: text('channel').notNull(),
    account: text('account').notNull(),
    thread: text('thread').notNull(),
    identityType: text('identity_type'),
    identityValue: text('identity_value'),
    lastInboundAt: text('last_inbound_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('legs_thread').on(t.channel, t.account, t.thread),
    index('legs_conversation_channel').on(t.conversationId, t.channel),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    legId: text('leg_id'),
    channel: text('channel'),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    private: integer('private', { mode: 'boolean' }).notNull().default(false),
    senderKind: text('sender_kind', { enum: ['contact', 'agent', 'bot', 'system'] }).notNull(),
    senderId: text('sender_id'),
    senderName: text('sender_name'),
    text: text('text').notNull(),
    attachments: text('attachments').notNull().default('[]'),
    deliveryState: text('delivery_state', { enum: ['queued', 'sent', 'delivered', 'read', 'failed'] }).notNull(),
    deliveryError: text('delivery_error'),
    clientMessageId: text('client_message_id'),
    providerMessageId: text('provider_message_id'),
    inboundKey: text('inbound_key'),
    replyToMessageId: text('reply_to_message_id'),
    /** Structured content (location, shared contacts, reaction, postback, quick replies) as JSON; NULL when there is none. */
    content: text('content'),
    raw: text('raw'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('messages_conversation').on(t.conversationId, t.createdAt),
    uniqueIndex('messages_inbound_key').on(t.inboundKey),
    uniqueIndex('messages_client_id').on(t.conversationId, t.clientMessageId).where(sql`${t.clientMessageId} IS NOT NULL`),
    index('messages_provider_id').on(t.channel, t.providerMessageId),
    // Partial (direction = 'inbound'); see migration core:0004_inbox.
    index('messages_inbound_at').on(t.conversationId, t.createdAt),
  ],
);

/** The event journal, which is also the outbox: rows with `published_at` NULL still await the relay. */
export const events = sqliteTable(
  'events',
  {
    position: integer('position').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    conversationId: text('conversation_id'),
    seq: integer('seq'),
    envelope: text('envelope').notNull(),
    time: text('time').notNull(),
    publishedAt: text('published_at'),
  },
  (t) => [index('events_conversation').on(t.conversationId, t.seq)],
);

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  presence: text('presence', { enum: ['online', 'away', 'offline'] }).notNull().default('offline'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  disabledAt: text('disabled_at'),
});

export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  agentId: text('agent_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role', { enum: ['admin', 'integrator'] }).notNull(),
  createdBy: text('created_by'),
  createdAt: text('created_at').notNull(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id').notNull(),
    agentId: text('agent_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index('team_members_agent').on(t.agentId)],
);

/** When an agent last read a conversation; inbound messages after it are unread for that agent. */
export const conversationReads = sqliteTable(
  'conversation_reads',
  {
    agentId: text('agent_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    lastReadAt: text('last_read_at').notNull(),
    /** The newest message (not a note) of the conversation when the agent last read it. */
    lastReadMessageId: text('last_read_message_id'),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.conversationId] })],
);

// messages_fts (FTS5 over messages.text) is queried with raw SQL: drizzle has no virtual tables.

export const schemaMigrations = sqliteTable('schema_migrations', {
  id: text('id').primaryKey(),
  appliedAt: text('applied_at').notNull().default(sql`CURRENT_TIMESTAMP`),
});
