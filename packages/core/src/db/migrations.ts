import { attachmentsMigrationSql } from '../attachments/attachments-schema-sql';
import { inboxMigrationSql } from './inbox-migration-sql';

/** A core migration: applied once, in order, inside one transaction. */
export type CoreMigration = { id: string; statements: string[] };

/**
 * The core's schema, as an ordered list of migrations. Never edit an applied one: add the next.
 */
export const coreMigrations: CoreMigration[] = [
  {
    id: 'core:0001_conversation_model',
    statements: [
      `CREATE TABLE contacts (id TEXT PRIMARY KEY, name TEXT, merged_into TEXT, attributes TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE contact_identities (type TEXT NOT NULL, value TEXT NOT NULL, contact_id TEXT NOT NULL, evidence TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (type, value))`,
      `CREATE INDEX contact_identities_contact ON contact_identities (contact_id)`,
      `CREATE TABLE conversations (id TEXT PRIMARY KEY, contact_id TEXT NOT NULL, status TEXT NOT NULL, assignee_id TEXT, team_id TEXT, priority TEXT, labels TEXT NOT NULL DEFAULT '[]', attributes TEXT NOT NULL DEFAULT '{}', snoozed_until TEXT, seq INTEGER NOT NULL DEFAULT 0, last_message_text TEXT, last_activity_at TEXT NOT NULL, last_inbound_at TEXT, waiting_since TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE INDEX conversations_status_activity ON conversations (status, last_activity_at)`,
      `CREATE INDEX conversations_contact ON conversations (contact_id)`,
      `CREATE TABLE legs (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, channel TEXT NOT NULL, account TEXT NOT NULL, thread TEXT NOT NULL, identity_type TEXT, identity_value TEXT, last_inbound_at TEXT, created_at TEXT NOT NULL)`,
      `CREATE INDEX legs_thread ON legs (channel, account, thread)`,
      `CREATE INDEX legs_conversation ON legs (conversation_id)`,
      `CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, leg_id TEXT, channel TEXT, direction TEXT NOT NULL, private INTEGER NOT NULL DEFAULT 0, sender_kind TEXT NOT NULL, sender_id TEXT, sender_name TEXT, text TEXT NOT NULL, attachments TEXT NOT NULL DEFAULT '[]', delivery_state TEXT NOT NULL, delivery_error TEXT, client_message_id TEXT, provider_message_id TEXT, inbound_key TEXT, reply_to_message_id TEXT, raw TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE INDEX messages_conversation ON messages (conversation_id, created_at)`,
      `CREATE UNIQUE INDEX messages_inbound_key ON messages (inbound_key)`,
      `CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_message_id)`,
      `CREATE INDEX messages_provider_id ON messages (channel, provider_message_id)`,
      `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, conversation_id TEXT, seq INTEGER, envelope TEXT NOT NULL, time TEXT NOT NULL, published_at TEXT)`,
      `CREATE INDEX events_unpublished ON events (position) WHERE published_at IS NULL`,
      `CREATE INDEX events_conversation ON events (conversation_id, seq)`,
    ],
  },
  {
    id: 'core:0002_auth',
    statements: [
      `CREATE TABLE agents (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, presence TEXT NOT NULL DEFAULT 'offline', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, disabled_at TEXT)`,
      `CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
      `CREATE INDEX sessions_agent ON sessions (agent_id)`,
      `CREATE TABLE api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_by TEXT, created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT)`,
      `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    ],
  },
  { id: 'core:0003_attachments', statements: attachmentsMigrationSql },
  { id: 'core:0004_inbox', statements: inboxMigrationSql },
  // Structured message content (events' MessageContentSchema), as JSON; NULL for text-only messages.
  { id: 'core:0005_message_content', statements: [`ALTER TABLE messages ADD COLUMN content TEXT`] },
  {
    id: 'core:0006_contact_details',
    statements: [
      // Unverified details channels report about a sender (`from.hints`): shown to agents, never identities.
      `CREATE TABLE contact_details (contact_id TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (contact_id, type, value))`,
      `CREATE INDEX contact_details_value ON contact_details (value)`,
      // Merge suggestions are found by value (a phone hint matches a whatsapp identity of the same number).
      `CREATE INDEX contact_identities_value ON contact_identities (value)`,
      // A suggestion an agent dismissed between two contacts stays dismissed; the pair is stored in id order.
      `CREATE TABLE contact_suggestion_dismissals (contact_id TEXT NOT NULL, other_contact_id TEXT NOT NULL, actor TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (contact_id, other_contact_id))`,
    ],
  },
  // The newest message an agent's read mark reached: a read receipt goes out only when it moves.
  { id: 'core:0007_read_receipts', statements: [`ALTER TABLE conversation_reads ADD COLUMN last_read_message_id TEXT`] },
  {
    // The inbound write path, lighter: two indexes that were prefixes of others go, the unique
    // client-id index covers only messages that have one (agents' sends, not customers'
    // messages), and a leg's inbound clock moves with the message inside SQLite.
    id: 'core:0008_lighter_inbound_writes',
    statements: [
      `DROP INDEX conversations_status_activity`,
      `DROP INDEX legs_conversation`,
      `DROP INDEX messages_client_id`,
      `CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL`,
      `CREATE TRIGGER legs_inbound_clock AFTER INSERT ON messages WHEN NEW.direction = 'inbound' AND NEW.leg_id IS NOT NULL BEGIN
        UPDATE legs SET last_inbound_at = NEW.created_at WHERE id = NEW.leg_id;
      END`,
    ],
  },
];
