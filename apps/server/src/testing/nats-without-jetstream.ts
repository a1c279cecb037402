import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { findNatsServerBinary } from '@switchboard/core';

/**
 * Starts a nats-server without JetStream on a free port, to show what a misconfigured external
 * NATS looks like to `doctor`.
 *
 * @example
 * const plain = await startNatsWithoutJetStream();
 * // ... nats.url: plain.url ...
 * await plain.stop();
 */
export async function startNatsWithoutJetStream(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freeTcpPort();
  const child = spawn(findNatsServerBinary(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; attempt < 300 && !(await accepts(port)); attempt++) await new Promise((r) => setTimeout(r, 50));
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A TCP port nobody listens on right now.
 *
 * @example
 * const port = await freeTcpPort();
 */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
