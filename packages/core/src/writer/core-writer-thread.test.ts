import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '@switchboard/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriterLock } from '../db/writer-lock';
import { startCoreWriter } from './core-writer-thread';

// Stand-in entries: plain modules that answer as runCoreWriter would, then misbehave.
describe('the core writer thread, seen from the main thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-writer-thread-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function entry(name: string, body: string): Promise<URL> {
    const path = join(dir, `${name}.mjs`);
    await writeFile(path, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
    return pathToFileURL(path);
  }
  const data = { database: { url: 'file:unused.db' }, nats: { servers: [] }, lock: createWriterLock().buffer, logLevel: 'info' };
  function recordingLogger(lines: Array<{ level: string; fields: unknown; message: unknown }>): Logger {
    const at = (level: string) => ((fields: unknown, message?: unknown) => lines.push({ level, fields, message })) as Logger['info'];
    const logger: Logger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: () => logger };
    return logger;
  }

  it('refuses to start with the reason the thread gave', async () => {
    const failing = await entry('failing', `parentPort.postMessage({ type: 'failed', message: 'cannot open the database at file:x.db' }); parentPort.close();`);
    await expect(startCoreWriter({ data, logger: recordingLogger([]), entry: failing })).rejects.toThrow('cannot open the database at file:x.db');
  });

  it('forwards its log lines and commits, and reports a thread that ends on its own', async () => {
    const dying = await entry(
      'dying',
      `parentPort.postMessage({ type: 'ready' });
       parentPort.postMessage({ type: 'log', level: 'warn', bindings: {}, fields: { n: 1 }, message: 'from the thread' });
       parentPort.postMessage({ type: 'committed' });
       setTimeout(() => process.exit(3), 50);`,
    );
    const lines: Array<{ level: string; fields: unknown; message: unknown }> = [];
    let commits = 0;
    let exitedWith: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exitedWith = resolve));
    const writer = await startCoreWriter({ data, logger: recordingLogger(lines), entry: dying, onCommit: () => commits++, onExit: (code) => exitedWith(code) });
    expect(writer.alive()).toBe(true);
    expect(await exited).toBe(3);
    expect(writer.alive()).toBe(false);
    // Asking a gone thread resolves at once instead of hanging a shutdown.
    await writer.stopCommands();
    await writer.stop();
    expect(commits).toBe(1);
    expect(lines).toContainEqual({ level: 'warn', fields: { n: 1 }, message: 'from the thread' });
    expect(lines.some((l) => l.level === 'fatal')).toBe(true);
  });
});
