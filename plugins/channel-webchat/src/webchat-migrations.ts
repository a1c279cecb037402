import type { PluginMigration } from '@switchboard/plugin-sdk';

/**
 * The plugin's own tables (prefixed by the host):
 * - `visitors`: one per browser (or per verified user of a widget), with the conversation it is in,
 *   its pre-chat details, seen watermarks and a pending rating;
 * - `tokens`: session tokens, only their SHA-256, with a sliding expiry;
 * - `messages`: the visitor's view of their conversation (what they sent, what agents sent them),
 *   ordered by `seq`, the cursor of history and of the event stream;
 * - `uploads`: which visitor uploaded which attachment, so nobody can send another's file;
 * - `csat`: one rating per visitor and conversation.
 *
 * `002_pending_attributes` adds the contact attributes a page set (`setAttributes()`) that the
 * contact does not have yet: they go with the visitor's next message.
 *
 * @example
 * definePlugin({ ..., migrations: webchatMigrations });
 */
export const webchatMigrations: PluginMigration[] = [
  {
    id: '001_webchat',
    sql: (t) => [
      `CREATE TABLE ${t('visitors')} (
        id TEXT PRIMARY KEY,
        widget_id TEXT NOT NULL,
        external_id TEXT,
        name TEXT,
        email TEXT,
        email_verified INTEGER NOT NULL DEFAULT 0,
        consent INTEGER NOT NULL DEFAULT 0,
        prechat_done INTEGER NOT NULL DEFAULT 0,
        locale TEXT,
        page_url TEXT,
        contact_id TEXT,
        conversation_id TEXT,
        conversation_status TEXT,
        read_seq INTEGER NOT NULL DEFAULT 0,
        agent_read_seq INTEGER NOT NULL DEFAULT 0,
        csat_conversation_id TEXT,
        created_at TEXT NOT NULL,
        last_active_at TEXT NOT NULL
      )`,
      `CREATE UNIQUE INDEX ${t('visitors_external')} ON ${t('visitors')} (widget_id, external_id) WHERE external_id IS NOT NULL`,
      `CREATE INDEX ${t('visitors_conversation')} ON ${t('visitors')} (conversation_id)`,
      `CREATE TABLE ${t('tokens')} (
        hash TEXT PRIMARY KEY,
        visitor_id TEXT NOT NULL,
        widget_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX ${t('tokens_visitor')} ON ${t('tokens')} (visitor_id)`,
      `CREATE TABLE ${t('messages')} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        visitor_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        author TEXT NOT NULL,
        sender_name TEXT,
        text TEXT NOT NULL,
        attachments TEXT NOT NULL,
        content TEXT,
        echo_id TEXT,
        delivered INTEGER NOT NULL DEFAULT 0,
        read INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      )`,
      `CREATE UNIQUE INDEX ${t('messages_echo')} ON ${t('messages')} (visitor_id, echo_id) WHERE echo_id IS NOT NULL`,
      `CREATE INDEX ${t('messages_visitor')} ON ${t('messages')} (visitor_id, seq)`,
      `CREATE TABLE ${t('uploads')} (
        attachment_id TEXT PRIMARY KEY,
        visitor_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE ${t('csat')} (
        conversation_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        widget_id TEXT NOT NULL,
        rating INTEGER NOT NULL,
        comment TEXT,
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, visitor_id)
      )`,
    ],
  },
  {
    id: '002_pending_attributes',
    sql: (t) => [`ALTER TABLE ${t('visitors')} ADD COLUMN pending_attributes TEXT`],
  },
];
