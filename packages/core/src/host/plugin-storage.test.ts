import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateCore } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { createWriteQueue } from '../db/write-queue';
import { assertOwnTables, createPluginStorage, pluginTablePrefix } from './plugin-storage';

describe('plugin storage', () => {
  it('reads and writes the plugin’s own tables through the write queue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swb-ps-'));
    const dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    const storage = createPluginStorage('channel-x', dbh.client, createWriteQueue({ db: dbh.db, client: dbh.client, local: true }));
    const t = storage.table('items');
    expect(t).toBe('p_channel_x__items');
    await storage.execute(`CREATE TABLE ${t} (id TEXT PRIMARY KEY, n INTEGER)`);
    await storage.batch([
      { sql: `INSERT INTO ${t} (id, n) VALUES (?, ?)`, args: ['a', 1] },
      { sql: `INSERT INTO ${t} (id, n) VALUES (:id, :n)`, args: { id: 'b', n: 2 } },
    ]);
    const rows = await storage.execute(`SELECT id, n FROM ${t} ORDER BY id`);
    expect(rows.rows).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    await expect(storage.batch([{ sql: `INSERT INTO ${t} (id, n) VALUES ('c', 3)` }, { sql: `INSERT INTO ${t} (id, n) VALUES ('a', 9)` }])).rejects.toThrow();
    // All or nothing: 'c' rolled back with the failing duplicate.
    expect((await storage.execute(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0]).toEqual({ n: 2 });
    dbh.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses SQL naming tables outside the prefix', () => {
    const prefix = pluginTablePrefix('channel-x');
    expect(() => assertOwnTables('SELECT * FROM messages', prefix, 'channel-x')).toThrow(/SWB_ERR_STORAGE|own tables/);
    expect(() => assertOwnTables(`SELECT * FROM ${prefix}a JOIN contacts ON 1=1`, prefix, 'channel-x')).toThrow(/contacts/);
    expect(() => assertOwnTables(`DELETE FROM p_other__t`, prefix, 'channel-x')).toThrow(/p_other__t/);
    expect(() => assertOwnTables(`CREATE INDEX i1 ON ${prefix}a (x)`, prefix, 'channel-x')).not.toThrow();
    expect(() => assertOwnTables(`CREATE INDEX i1 ON messages (x)`, prefix, 'channel-x')).toThrow();
  });
});
