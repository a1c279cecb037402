import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeRegistry } from '../testing/fake-plugins';
import { createMemoryIo } from '../testing/memory-io';
import { runMigrate } from './migrate-command';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('switchboard migrate', () => {
  it('applies the migrations to the embedded libSQL file once, then reports the database up to date', async () => {
    const first = createMemoryIo({ cwd: dir, registry: fakeRegistry });
    expect(await runMigrate(first, {})).toBe(0);
    expect(first.stdout[0]).toMatch(/^Applied \d+ migrations?:$/);
    expect(first.stdout.length).toBeGreaterThan(1);

    const second = createMemoryIo({ cwd: dir, registry: fakeRegistry });
    expect(await runMigrate(second, {})).toBe(0);
    expect(second.stdout).toEqual(['Database is up to date: no migrations to apply.']);
  });

  it('exits with 78 on a config problem, without touching the database', async () => {
    await writeFile(join(dir, 'switchboard.config.yaml'), 'database:\n  url: postgres://nope\n');
    const io = createMemoryIo({ cwd: dir, registry: fakeRegistry });
    expect(await runMigrate(io, {})).toBe(78);
    expect(io.stderr.join('\n')).toMatch(/- database\.url: must be a libSQL URL/);
  });
});
