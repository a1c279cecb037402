// Migration core:0004_inbox: teams, per-agent read marks, message search, and the indexes the
// agent inbox's list needs to stay fast on tens of thousands of conversations.

const ftsSync = [
  // External content: the index keeps only tokens; the text stays in `messages`. The triggers keep
  // it in step with every write path (inbound, replies, notes), so none of them needs to know.
  `CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
     INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
   END`,
  `CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
     INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
     INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
   END`,
  `CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
     INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
   END`,
  // Messages stored before this migration.
  `INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')`,
];

/**
 * The statements of migration `core:0004_inbox`.
 *
 * @example
 * const step = { id: 'core:0004_inbox', statements: inboxMigrationSql };
 */
export const inboxMigrationSql: string[] = [
  `CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)`,
  `CREATE TABLE team_members (team_id TEXT NOT NULL, agent_id TEXT NOT NULL, PRIMARY KEY (team_id, agent_id))`,
  `CREATE INDEX team_members_agent ON team_members (agent_id)`,
  `CREATE TABLE conversation_reads (agent_id TEXT NOT NULL, conversation_id TEXT NOT NULL, last_read_at TEXT NOT NULL, PRIMARY KEY (agent_id, conversation_id))`,
  ...ftsSync,
  // List orders: latest activity first (keyset on activity, id), longest waiting first.
  `CREATE INDEX conversations_activity ON conversations (last_activity_at, id)`,
  `CREATE INDEX conversations_status_activity_id ON conversations (status, last_activity_at, id)`,
  `CREATE INDEX conversations_assignee ON conversations (assignee_id, status, last_activity_at)`,
  `CREATE INDEX conversations_team ON conversations (team_id, status, last_activity_at)`,
  // Expression indexes matching ORDER BY waiting_since IS NULL, waiting_since, id (nulls last).
  `CREATE INDEX conversations_waiting ON conversations ((waiting_since IS NULL), waiting_since, id)`,
  `CREATE INDEX conversations_status_waiting ON conversations (status, (waiting_since IS NULL), waiting_since, id)`,
  // The channel filter checks each listed conversation's legs.
  `CREATE INDEX legs_conversation_channel ON legs (conversation_id, channel)`,
  // Unread counts: a conversation's inbound messages after a time.
  `CREATE INDEX messages_inbound_at ON messages (conversation_id, created_at) WHERE direction = 'inbound'`,
];
