import { CORE_VERSION } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { builtInPlugins } from '../plugins';
import { fakeRegistry } from '../testing/fake-plugins';
import { createMemoryIo } from '../testing/memory-io';
import { runPlugins, type PluginListing } from './plugins-command';

describe('switchboard plugins', () => {
  it('prints a table with version, kind, core range, compatibility, consumes and produces', async () => {
    const io = createMemoryIo({ cwd: '/', registry: fakeRegistry });
    expect(await runPlugins(io, { coreVersion: '0.1.0' })).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+VERSION\s+KIND\s+CORE\s+COMPATIBLE \(core 0\.1\.0\)\s+CONSUMES\s+PRODUCES$/);
    expect(lines[1]?.split(/\s{2,}/)).toEqual(['echo', '1.2.3', 'integration', '>=0.0.0', 'yes', 'core.message.received.v1', 'echo.message.echoed.v1']);
    expect(lines[2]?.split(/\s{2,}/)).toEqual(['future-crm', '9.0.0', 'integration', '^99.0.0', 'no', '-', 'future-crm.contact.synced.v1']);
  });

  it('prints the same as JSON with --json', async () => {
    const io = createMemoryIo({ cwd: '/', registry: fakeRegistry });
    expect(await runPlugins(io, { json: true, coreVersion: '0.1.0' })).toBe(0);
    const listings = JSON.parse(io.stdout.join('\n')) as PluginListing[];
    expect(listings).toEqual([
      { id: 'echo', version: '1.2.3', kind: 'integration', core: '>=0.0.0', compatible: true, consumes: ['core.message.received.v1'], produces: ['echo.message.echoed.v1'] },
      { id: 'future-crm', version: '9.0.0', kind: 'integration', core: '^99.0.0', compatible: false, consumes: [], produces: ['future-crm.contact.synced.v1'] },
    ]);
  });

  it('lists the built-in plugins as compatible with the running core', async () => {
    const io = createMemoryIo({ cwd: '/', registry: builtInPlugins });
    expect(await runPlugins(io, { json: true })).toBe(0);
    const listings = JSON.parse(io.stdout.join('\n')) as PluginListing[];
    expect(listings.map((p) => p.id)).toEqual(Object.keys(builtInPlugins).sort());
    for (const listing of listings) expect(listing, `${listing.id} supports core ${CORE_VERSION}`).toMatchObject({ compatible: true });
  });
});
