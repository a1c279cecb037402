import { sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';

/**
 * The badges of the inbox's views, over open conversations: assigned to the viewer (`mine`),
 * to nobody (`unassigned`), all of them, and the viewer's with customer messages they have not
 * read (`unread`). An API token has no conversations of its own: `mine` and `unread` are 0.
 *
 * @example
 * const { mine, unassigned, all, unread } = await conversationCounts(db, agentId);
 */
export async function conversationCounts(db: Database, agentId: string | null) {
  const [totals] = await db.all<{ all: number; unassigned: number; mine: number }>(sql`
    SELECT count(*) AS "all",
           coalesce(sum(assignee_id IS NULL), 0) AS unassigned,
           coalesce(sum(assignee_id = ${agentId ?? ''}), 0) AS mine
    FROM conversations WHERE status = 'open'`);
  let unread = 0;
  if (agentId) {
    const [row] = await db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM conversations c
      WHERE c.status = 'open' AND c.assignee_id = ${agentId} AND EXISTS (
        SELECT 1 FROM messages m
        WHERE m.conversation_id = c.id AND m.direction = 'inbound'
          AND m.created_at > coalesce((SELECT last_read_at FROM conversation_reads r WHERE r.agent_id = ${agentId} AND r.conversation_id = c.id), ''))`);
    unread = Number(row?.n ?? 0);
  }
  return {
    mine: agentId ? Number(totals?.mine ?? 0) : 0,
    unassigned: Number(totals?.unassigned ?? 0),
    all: Number(totals?.all ?? 0),
    unread,
  };
}

/**
 * The labels in use on any conversation, each with how many conversations carry it, most used first.
 *
 * @example
 * const { items } = await labelsInUse(db); // [{ label: 'refund', count: 12 }, …]
 */
export async function labelsInUse(db: Database): Promise<{ items: Array<{ label: string; count: number }> }> {
  const rows = await db.all<{ label: string; count: number }>(sql`
    SELECT j.value AS label, count(*) AS count
    FROM conversations c, json_each(c.labels) j
    WHERE c.labels <> '[]'
    GROUP BY j.value ORDER BY count DESC, label ASC`);
  return { items: rows.map((r) => ({ label: String(r.label), count: Number(r.count) })) };
}
