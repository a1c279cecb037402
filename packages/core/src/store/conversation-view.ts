import type { conversations } from '../db/schema';

/** A conversation as lists and the API show it. */
export type ConversationView = ReturnType<typeof toConversationView>;

/**
 * Turns a stored conversation row into what the API shows.
 *
 * @example
 * const view = toConversationView(row);
 */
export function toConversationView(row: typeof conversations.$inferSelect) {
  return {
    id: row.id,
    contactId: row.contactId,
    status: row.status,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    priority: row.priority,
    labels: JSON.parse(row.labels) as string[],
    snoozedUntil: row.snoozedUntil,
    seq: row.seq,
    lastMessageText: row.lastMessageText,
    lastActivityAt: row.lastActivityAt,
    lastInboundAt: row.lastInboundAt,
    waitingSince: row.waitingSince,
    createdAt: row.createdAt,
  };
}
