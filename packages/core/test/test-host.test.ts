import { execFileSync } from 'node:child_process';
import { definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';

/** nats-server processes this test worker started and that are still running. */
function myNatsServers(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('nats-server'));
}

describe('the test host', () => {
  it('stops its nats-server and fails with the cause when the server cannot start', async () => {
    const needsOption = definePlugin({ id: 'needs-option', version: '1.0.0', core: '^0.1.0', kind: 'integration', config: v.object({ url: v.string() }), setup() {} });
    const before = myNatsServers().length;
    await expect(startTestHost({ plugins: [{ definition: needsOption, options: {} }] })).rejects.toThrow(/needs-option/);
    expect(myNatsServers()).toHaveLength(before);
  });
});
