import type { AttachmentRef } from '@switchboard/events';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';

/**
 * Looks up stored attachments for a message; an unknown id fails the whole write.
 *
 * @example
 * const refs = await loadAttachmentRefs(tx, ['01J…']);
 */
export async function loadAttachmentRefs(tx: Tx, ids: string[]): Promise<AttachmentRef[]> {
  if (ids.length === 0) return [];
  const rows = await tx.all<{ id: string; name: string; content_type: string; size: number }>(
    sql`SELECT id, name, content_type, size FROM attachments WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) {
      throw new CoreError({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, message: `attachment ${id} does not exist; upload it first`, status: 422 });
    }
    return { id: row.id, name: row.name, contentType: row.content_type, size: Number(row.size) };
  });
}
