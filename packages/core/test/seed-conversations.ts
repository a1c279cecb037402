import type { Client, InStatement } from '@libsql/client';

/** One seeded conversation as the test expects to see it. */
export type SeededConversation = {
  id: string;
  contactId: string;
  contactName: string;
  status: 'open' | 'resolved';
  priority: 'urgent' | null;
  labels: string[];
  channel: string;
  lastActivityAt: string;
  waitingSince: string | null;
  text: string;
};

const BASE = Date.parse('2025-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (i: number) => String(i).padStart(6, '0');

/**
 * Builds `count` conversations, each with its contact, identity, leg and one customer message,
 * with deliberate ties (three conversations share each activity time, many share a waiting time)
 * so keyset pagination is tested where it breaks. Deterministic: the same count gives the same rows.
 *
 * @example
 * const rows = seededConversations(10_000);
 */
export function seededConversations(count: number): SeededConversation[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `SEED${pad(i)}`,
    contactId: `SEEDC${pad(i)}`,
    contactName: `Customer ${pad(i)}`,
    status: i % 4 === 0 ? 'resolved' : 'open',
    priority: i % 10 === 0 ? 'urgent' : null,
    labels: i % 7 === 0 ? ['vip'] : [],
    channel: i % 3 === 0 ? 'echo-channel' : 'sms-seed',
    lastActivityAt: iso(BASE + Math.floor(i / 3) * 1000),
    waitingSince: i % 2 === 0 ? null : iso(BASE - (i % 500) * 60_000),
    text: i % 1000 === 0 ? `Order ${i}: where is my zeppelin?` : `Order ${i}: question about shipping`,
  }));
}

/**
 * Inserts seeded conversations straight into the database in one transaction, batched into
 * multi-row INSERTs (the search index fills itself through its triggers).
 *
 * @example
 * await seedConversations(client, seededConversations(10_000));
 */
export async function seedConversations(client: Client, rows: SeededConversation[], chunk = 500): Promise<void> {
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    statements.push(
      insert('contacts', ['id', 'name', 'created_at', 'updated_at'], part.map((r) => [r.contactId, r.contactName, r.lastActivityAt, r.lastActivityAt])),
      insert('contact_identities', ['type', 'value', 'contact_id', 'evidence', 'created_at'], part.map((r) => ['seed_user', `${r.contactId.toLowerCase()}@example.com`, r.contactId, 'seed', r.lastActivityAt])),
      insert(
        'conversations',
        ['id', 'contact_id', 'status', 'priority', 'labels', 'seq', 'last_message_text', 'last_activity_at', 'last_inbound_at', 'waiting_since', 'created_at', 'updated_at'],
        part.map((r) => [r.id, r.contactId, r.status, r.priority, JSON.stringify(r.labels), 1, r.text, r.lastActivityAt, r.lastActivityAt, r.waitingSince, r.lastActivityAt, r.lastActivityAt]),
      ),
      insert('legs', ['id', 'conversation_id', 'channel', 'account', 'thread', 'last_inbound_at', 'created_at'], part.map((r) => [`L${r.id}`, r.id, r.channel, 'default', `t-${r.id}`, r.lastActivityAt, r.lastActivityAt])),
      insert(
        'messages',
        ['id', 'conversation_id', 'leg_id', 'channel', 'direction', 'sender_kind', 'sender_id', 'text', 'delivery_state', 'created_at', 'updated_at'],
        part.map((r) => [`M${r.id}`, r.id, `L${r.id}`, r.channel, 'inbound', 'contact', r.contactId, r.text, 'delivered', r.lastActivityAt, r.lastActivityAt]),
      ),
    );
  }
  await client.execute('PRAGMA busy_timeout = 10000');
  await client.batch(statements, 'write');
}

function insert(table: string, columns: string[], values: Array<Array<string | number | null>>): InStatement {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return { sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.map(() => row).join(', ')}`, args: values.flat() };
}
