/**
 * DDL of the `attachments` table: one row of metadata per stored blob. Idempotent, so it can run
 * on every start or inside the core's migrations.
 *
 * @example
 * for (const sql of attachmentsMigrationSql) await db.execute(sql);
 */
export const attachmentsMigrationSql: string[] = [
  `CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  storage_key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  uploader_kind TEXT,
  uploader_id TEXT,
  created_at TEXT NOT NULL
)`,
  'CREATE INDEX IF NOT EXISTS attachments_sha256_idx ON attachments (sha256)',
];
