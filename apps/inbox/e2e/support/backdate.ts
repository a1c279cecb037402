import { createClient, type InStatement } from '@libsql/client';

/**
 * Demo data only (the screenshots): moves messages seeded a moment ago to the times a story
 * needs ("26 minutes ago", "last week"), so the list shows realistic ages and waiting times. The
 * core stamps every write with the current time and has no API to say otherwise, so this edits
 * the host's libSQL file directly: each message's time, the events of its conversation (journal
 * time and envelope), and the conversation's, legs' and contact's derived times. Events that
 * are not messages (opened, assigned, …) take the time of the message before them (the first
 * message for those before any). Tests never use this; it follows the core's schema as of
 * migration core:0004 and fails loudly when that changes.
 *
 * @example
 * await backdate(host.databaseUrl, new Map([[messageId, '2026-01-05T09:12:00.000Z']]));
 */
export async function backdate(databaseUrl: string, times: ReadonlyMap<string, string>): Promise<void> {
  const db = createClient({ url: databaseUrl });
  try {
    const ids = [...times.keys()];
    const rows = (await db.execute({ sql: `SELECT id, conversation_id, leg_id, direction, private FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`, args: ids })).rows;
    if (rows.length !== ids.length) throw new Error(`backdate: found ${rows.length} of ${ids.length} messages`);
    type Row = { id: string; conversationId: string; legId: string | null; inbound: boolean; private: boolean; time: string };
    const byConversation = new Map<string, Row[]>();
    for (const r of rows) {
      const row: Row = { id: String(r.id), conversationId: String(r.conversation_id), legId: r.leg_id === null ? null : String(r.leg_id), inbound: r.direction === 'inbound', private: Number(r.private) === 1, time: times.get(String(r.id))! };
      byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);
    }

    const statements: InStatement[] = [];
    for (const [conversationId, messages] of byConversation) {
      messages.sort((a, b) => a.time.localeCompare(b.time));
      for (const m of messages) statements.push({ sql: 'UPDATE messages SET created_at = ?, updated_at = ? WHERE id = ?', args: [m.time, m.time, m.id] });

      // The journal, in sequence order: each event at its message's time, or the one before it.
      const events = (await db.execute({ sql: 'SELECT position, envelope FROM events WHERE conversation_id = ? ORDER BY seq, position', args: [conversationId] })).rows;
      let current = messages[0]!.time;
      for (const e of events) {
        const envelope = JSON.parse(String(e.envelope)) as { time: string; data: { message?: { id: string; createdAt: string }; messageId?: string } };
        const messageId = envelope.data.message?.id ?? envelope.data.messageId;
        if (messageId && times.has(messageId)) current = times.get(messageId)!;
        envelope.time = current;
        if (envelope.data.message && times.has(envelope.data.message.id)) envelope.data.message.createdAt = times.get(envelope.data.message.id)!;
        statements.push({ sql: 'UPDATE events SET time = ?, envelope = ? WHERE position = ?', args: [current, JSON.stringify(envelope), Number(e.position)] });
      }

      const first = messages[0]!.time;
      const last = messages[messages.length - 1]!.time;
      const inbound = messages.filter((m) => m.inbound);
      const lastReply = messages.filter((m) => !m.inbound && !m.private).pop();
      const waitingFrom = inbound.find((m) => !lastReply || m.time > lastReply.time)?.time ?? null;
      statements.push({
        sql: `UPDATE conversations SET created_at = ?, updated_at = ?, last_activity_at = ?, last_inbound_at = ?,
                waiting_since = CASE WHEN waiting_since IS NULL THEN NULL ELSE ? END WHERE id = ?`,
        args: [first, last, last, inbound.pop()?.time ?? null, waitingFrom, conversationId],
      });
      for (const legId of new Set(messages.map((m) => m.legId).filter((l): l is string => l !== null))) {
        const onLeg = messages.filter((m) => m.legId === legId);
        statements.push({
          sql: 'UPDATE legs SET created_at = ?, last_inbound_at = ? WHERE id = ?',
          args: [onLeg[0]!.time, onLeg.filter((m) => m.inbound).pop()?.time ?? null, legId],
        });
      }
      statements.push({
        sql: 'UPDATE contacts SET created_at = MIN(created_at, ?) WHERE id = (SELECT contact_id FROM conversations WHERE id = ?)',
        args: [first, conversationId],
      });
    }
    // The server (in this same process) writes too, e.g. the outbox relay marking events published.
    // libSQL's local client is synchronous: its busy handler would block the event loop the server
    // needs to finish, so on SQLITE_BUSY give it a moment and try again instead.
    for (let attempt = 1; ; attempt++) {
      try {
        await db.batch(statements, 'write');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    db.close();
  }
}
