// Times the agent inbox's list queries on a seeded database of 10,000 conversations (store level:
// the SQL and the mapping, without HTTP). Run: pnpm --filter @switchboard/core bench [conversations] [rounds]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateCore } from '../src/db/migrate';
import { openDatabase } from '../src/db/open-database';
import { listConversations, type ConversationFilter } from '../src/store/conversation-list';
import { conversationCounts, labelsInUse } from '../src/store/inbox-counts';
import { seedConversations, seededConversations } from '../test/seed-conversations';

const [countArg, roundsArg] = process.argv.slice(2);
const COUNT = Number(countArg ?? 10_000);
const ROUNDS = Number(roundsArg ?? 50);

const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
const dbh = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
try {
  await migrateCore(dbh.client);
  const seedStart = performance.now();
  await seedConversations(dbh.client, seededConversations(COUNT));
  console.log(`seeded ${COUNT} conversations in ${(performance.now() - seedStart).toFixed(0)} ms\n`);

  const viewer = { agentId: 'bench-agent' };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ...(
      [
        ['all, by activity', { limit: 50 }],
        ['open, by activity', { status: 'open', limit: 50 }],
        ['open, by waiting', { status: 'open', sort: 'waiting', limit: 50 }],
        ['unassigned open', { status: 'open', assigneeId: null, limit: 50 }],
        ['label', { label: 'vip', limit: 50 }],
        ['channel', { channel: 'echo-channel', status: 'open', limit: 50 }],
        ['search text (q)', { q: 'zeppelin', limit: 50 }],
        ['search contact (q)', { q: 'Customer 004242', limit: 50 }],
      ] as Array<[string, ConversationFilter]>
    ).map(([name, filter]): [string, () => Promise<unknown>] => [name, () => listConversations(dbh.db, filter, viewer)]),
    ['page 20 by activity', async () => {
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) cursor = (await listConversations(dbh.db, { limit: 50, cursor }, viewer)).nextCursor ?? undefined;
    }],
    ['counts', () => conversationCounts(dbh.db, viewer.agentId)],
    ['labels in use', () => labelsInUse(dbh.db)],
  ];

  console.log('| query | median ms | p95 ms |\n| --- | ---: | ---: |');
  for (const [name, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    console.log(`| ${name} | ${at(0.5)} | ${at(0.95)} |`);
  }
} finally {
  dbh.close();
  await rm(dir, { recursive: true, force: true });
}
