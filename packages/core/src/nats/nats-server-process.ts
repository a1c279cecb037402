import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, connect as netConnect } from 'node:net';
import { CoreError, CoreErrorCodes } from '../errors';

/** Options of {@link startNatsServer}. */
export type NatsServerOptions = {
  /** JetStream store directory; created if missing. */
  storeDir: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  host?: string;
  /** The binary; found on `searchPath` or in the usual places by default. */
  binary?: string;
  /** A PATH-style list of folders to look for nats-server in (the server passes its PATH). */
  searchPath?: string;
};

/** A running nats-server child process. */
export type NatsServerProcess = {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills it hard, as a crash would; for tests of outages. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store after `stop` or `kill`. */
  restart(): Promise<void>;
};

/**
 * Finds a TCP port nobody listens on.
 *
 * @example
 * const port = await freePort();
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Locates the nats-server binary, or throws an error naming the install command.
 *
 * @example
 * const bin = findNatsServerBinary(); // '/usr/sbin/nats-server'
 */
export function findNatsServerBinary(explicit?: string, searchPath = ''): string {
  if (explicit && !existsSync(explicit)) {
    throw new CoreError({
      code: CoreErrorCodes.NATS_BINARY_MISSING,
      message: `nats-server was not found at ${explicit}. Install it (Debian/Ubuntu: \`sudo apt-get install -y nats-server\`, macOS: \`brew install nats-server\`), fix the path, or set nats.url in switchboard.config.yaml to use an existing NATS server.`,
    });
  }
  const folders = [...searchPath.split(':').filter(Boolean), '/usr/sbin', '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'];
  const candidates = [explicit, ...folders.map((dir) => `${dir}/nats-server`)];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new CoreError({
    code: CoreErrorCodes.NATS_BINARY_MISSING,
    message:
      'nats-server was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y nats-server`, macOS: `brew install nats-server`) or set nats.url in switchboard.config.yaml to use an existing NATS server.',
  });
}

/**
 * Starts a nats-server with JetStream on a free port (or the given one) and waits until it takes
 * connections. Used for embedded defaults and by every integration test.
 *
 * @example
 * const nats = await startNatsServer({ storeDir: './data/nats' });
 * // ... connect to nats.url ...
 * await nats.stop();
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerProcess> {
  const binary = findNatsServerBinary(options.binary, options.searchPath);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  await mkdir(options.storeDir, { recursive: true });
  let child: ChildProcess | null = null;
  let stderr = '';

  const launch = async (): Promise<void> => {
    stderr = '';
    const proc = spawn(binary, ['-a', host, '-p', String(port), '-js', '-sd', options.storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group: Ctrl-C in a terminal reaches the server only, which then stops
      // nats-server after draining, instead of both at once.
      detached: true,
    });
    child = proc;
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      if (await canConnect(host, port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    proc.kill('SIGKILL');
    throw new CoreError({
      code: CoreErrorCodes.NATS_START_FAILED,
      message: `nats-server did not start on ${host}:${port} (store ${options.storeDir}): ${stderr.trim() || 'no output'}`,
    });
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child as ChildProcess | null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    url: `nats://${host}:${port}`,
    port,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    restart: launch,
  };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
