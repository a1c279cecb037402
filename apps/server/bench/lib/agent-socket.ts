import WebSocket from 'ws';

/** The realtime path of the core (`REALTIME_PATH` in packages/core). */
export const REALTIME_PATH = '/api/v1/realtime';

/**
 * Opens an agent's realtime connection and resolves once the server said `ready` (hello sent
 * with the token, no cursor: live events from now on). `onFrame` sees every later frame as text.
 *
 * @example
 * const ws = await connectAgent(url, token, (text) => console.log(text));
 */
export function connectAgent(baseUrl: string, token: string, onFrame?: (text: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${REALTIME_PATH}`, { perMessageDeflate: false });
    let ready = false;
    const fail = (err: Error) => {
      if (!ready) reject(err);
    };
    ws.once('error', fail);
    ws.once('close', (code) => fail(new Error(`realtime connection closed before ready (code ${code})`)));
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
    ws.on('message', (data) => {
      const text = String(data);
      if (!ready) {
        if (text.startsWith('{"type":"ready"')) {
          ready = true;
          resolve(ws);
        } else if (text.includes('"type":"error"')) {
          fail(new Error(`realtime hello refused: ${text}`));
        }
        return;
      }
      onFrame?.(text);
    });
  });
}

/** Closes a socket and waits for the close to complete (or 2 s). */
export function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 2000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close();
  });
}
