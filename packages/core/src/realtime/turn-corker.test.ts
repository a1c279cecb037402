import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTurnCorker } from './turn-corker';

describe('createTurnCorker', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets.length = 0;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  /** A connected loopback socket and what its peer receives. */
  async function pair(): Promise<{ socket: Socket; received: () => string }> {
    let data = '';
    server = createServer((peer) => {
      sockets.push(peer);
      peer.on('data', (chunk: Buffer) => (data += chunk.toString()));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
    return { socket, received: () => data };
  }

  it("holds a turn's writes, also the ones a writer corks and uncorks itself, and sends them after the turn", async () => {
    const { socket, received } = await pair();
    const corker = createTurnCorker();
    corker.cork(socket);
    corker.cork(socket);
    socket.write('a');
    // As ws writes a frame: its own cork around header and payload.
    socket.cork();
    socket.write('b');
    socket.write('c');
    socket.uncork();
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBe(3);

    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writableCorked).toBe(0);
    await expect.poll(received).toBe('abc');

    // The next turn corks again.
    corker.cork(socket);
    socket.write('d');
    expect(socket.writableLength).toBe(1);
    await expect.poll(received).toBe('abcd');
  });

  it('leaves a destroyed socket alone', async () => {
    const { socket } = await pair();
    socket.destroy();
    createTurnCorker().cork(socket);
    expect(socket.writableCorked).toBe(0);
  });
});
