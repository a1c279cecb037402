import type { PluginMigration } from '@switchboard/plugin-sdk';

/**
 * The plugin's own tables (prefixed by the host):
 * - `mails`: every raw mail as received, once per (account, dedupe key) — the source the parser
 *   runs on, so SMTP can answer 250 only after the bytes are durable and a parser fix can replay;
 * - `threads`: one row per email thread (= one leg): its reply token, subject key, contact and the
 *   leg's thread value;
 * - `message_ids`: every Message-ID sent or received on a thread, for In-Reply-To/References
 *   matching, building References and mapping bounces to the core message;
 * - `imap_seen`: (mailbox, UIDVALIDITY, UID) already taken from an IMAP mailbox;
 * - `continuity`: agent replies on other channels waiting to be emailed if still unread.
 *
 * @example
 * definePlugin({ ..., migrations: emailMigrations });
 */
export const emailMigrations: PluginMigration[] = [
  {
    id: '001_mail_store',
    sql: (t) => [
      `CREATE TABLE ${t('mails')} (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        source TEXT NOT NULL,
        raw BLOB NOT NULL,
        envelope TEXT,
        state TEXT NOT NULL,
        outcome TEXT,
        detail TEXT,
        core_message_id TEXT,
        received_at TEXT NOT NULL,
        processed_at TEXT
      )`,
      `CREATE UNIQUE INDEX ${t('mails_dedupe')} ON ${t('mails')} (account, dedupe_key)`,
      `CREATE TABLE ${t('threads')} (
        token TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        thread TEXT NOT NULL,
        contact_email TEXT NOT NULL,
        subject TEXT NOT NULL,
        conversation_id TEXT,
        created_at TEXT NOT NULL
      )`,
      `CREATE UNIQUE INDEX ${t('threads_thread')} ON ${t('threads')} (account, thread)`,
      `CREATE INDEX ${t('threads_contact')} ON ${t('threads')} (contact_email)`,
      `CREATE TABLE ${t('message_ids')} (
        account TEXT NOT NULL,
        message_id TEXT NOT NULL,
        token TEXT NOT NULL,
        direction TEXT NOT NULL,
        core_message_id TEXT,
        refs TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        PRIMARY KEY (account, message_id)
      )`,
      `CREATE INDEX ${t('message_ids_token')} ON ${t('message_ids')} (token, created_at)`,
      `CREATE INDEX ${t('message_ids_core')} ON ${t('message_ids')} (core_message_id)`,
      `CREATE TABLE ${t('imap_seen')} (
        account TEXT NOT NULL,
        mailbox TEXT NOT NULL,
        uid_validity TEXT NOT NULL,
        uid INTEGER NOT NULL,
        mail_id TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (account, mailbox, uid_validity, uid)
      )`,
      `CREATE TABLE ${t('continuity')} (
        message_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        state TEXT NOT NULL,
        due_at TEXT NOT NULL,
        detail TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX ${t('continuity_due')} ON ${t('continuity')} (state, due_at)`,
    ],
  },
];
