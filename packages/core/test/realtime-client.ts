import WebSocket from 'ws';

type Frame = { type: string; seq?: number; head?: number; event?: { id: string; type: string; data: Record<string, unknown> } };

/**
 * A minimal agent realtime client for tests: says hello with a cursor, collects frames.
 */
export async function connectRealtime(baseUrl: string, token: string, after?: number) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/realtime`);
  const frames: Frame[] = [];
  const listeners = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const l of listeners) l();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', token, ...(after === undefined ? {} : { after }) }));
  const waitFor = (predicate: (frames: Frame[]) => boolean, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate(frames)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`realtime: condition not met; frames: ${frames.map((f) => f.event?.type ?? f.type).join(', ')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const closed = new Promise<{ code: number }>((resolve) => ws.once('close', (code) => resolve({ code })));
  return {
    frames,
    events: () => frames.filter((f) => f.type === 'event'),
    lastSeq: () => Math.max(0, ...frames.filter((f) => f.type === 'event').map((f) => f.seq ?? 0)),
    waitFor,
    closed,
    close: async () => {
      ws.close();
      await closed;
    },
  };
}
