import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate';
import { coreMigrations } from './migrations';

describe('migration core:0004_inbox: message search kept in step by triggers', () => {
  let dir: string;
  let client: Client;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-migration-'));
    client = createClient({ url: `file:${join(dir, 'db.sqlite')}` });
  });
  afterEach(async () => {
    client.close();
    await rm(dir, { recursive: true, force: true });
  });

  const insertMessage = (id: string, text: string) =>
    client.execute({
      sql: `INSERT INTO messages (id, conversation_id, direction, sender_kind, text, delivery_state, created_at, updated_at) VALUES (?, 'c1', 'inbound', 'contact', ?, 'delivered', '2025-01-01', '2025-01-01')`,
      args: [id, text],
    });
  const search = async (q: string) =>
    (await client.execute({ sql: 'SELECT m.id FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH ? ORDER BY m.id', args: [q] })).rows.map((r) => String(r.id));

  it('indexes messages stored before it, and every insert, edit and delete after it', async () => {
    const upTo = coreMigrations.findIndex((m) => m.id === 'core:0004_inbox');
    expect(upTo).toBeGreaterThan(0);
    await applyMigrations(client, coreMigrations.slice(0, upTo));
    await insertMessage('m1', 'the parcel is late');
    await insertMessage('m2', 'refund please');

    expect(await applyMigrations(client, coreMigrations)).toEqual(['core:0004_inbox', ...coreMigrations.slice(upTo + 1).map((m) => m.id)]);
    expect(await search('parcel')).toEqual(['m1']);

    await insertMessage('m3', 'another parcel question');
    expect(await search('parcel')).toEqual(['m1', 'm3']);
    await client.execute(`UPDATE messages SET text = 'all sorted now' WHERE id = 'm1'`);
    expect(await search('parcel')).toEqual(['m3']);
    expect(await search('sorted')).toEqual(['m1']);
    // A change of other columns leaves the index alone.
    await client.execute(`UPDATE messages SET delivery_state = 'read' WHERE id = 'm3'`);
    expect(await search('parcel')).toEqual(['m3']);
    await client.execute(`DELETE FROM messages WHERE id = 'm3'`);
    expect(await search('parcel')).toEqual([]);
    // The index agrees with its content table.
    await client.execute(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`);
  });
});
