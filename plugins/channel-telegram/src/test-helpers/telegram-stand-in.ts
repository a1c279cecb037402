import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { fixture } from './fixtures';

/** One Bot API call the stand-in received. Multipart uploads keep their files' bytes. */
export type RecordedCall = {
  token: string;
  method: string;
  contentType: string;
  /** The JSON body, or the multipart fields (JSON-looking values parsed back). */
  params: Record<string, unknown>;
  files: Record<string, { name: string; type: string; bytes: Buffer }>;
};

/** An answer the stand-in gives: HTTP status and JSON body. */
export type StandInAnswer = { status: number; body: unknown };

/** A local HTTP server answering like the Bot API, recording every call. */
export type TelegramStandIn = {
  url: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Paths of file downloads (`/file/bot<token>/<path>`), token included as Telegram has it. */
  downloads: string[];
  /** Answers the next calls of `method` with these, in order, then the default again. */
  answerNext(method: string, ...answers: StandInAnswer[]): void;
  /** Makes a file available to getFile and the file download. */
  addFile(fileId: string, file: { path: string; bytes: Buffer; uniqueId?: string }): void;
  close(): Promise<void>;
};

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendVoice', 'sendAudio', 'sendVideo', 'sendAnimation', 'sendLocation', 'sendVenue', 'sendContact']);

/**
 * Starts a stand-in for `https://api.telegram.org` on a free port: `POST /bot<token>/<method>`
 * answers as the Bot API documents (sent messages get increasing ids, getFile knows the files
 * added with `addFile`, an unknown token gets 401), `GET /file/bot<token>/<path>` serves files.
 *
 * @example
 * const telegram = await startTelegramStandIn([FIXTURE_TOKEN]);
 * telegram.answerNext('sendMessage', { status: 403, body: fixture('error-403-blocked.json').body });
 */
export async function startTelegramStandIn(tokens: string[]): Promise<TelegramStandIn> {
  const calls: RecordedCall[] = [];
  const downloads: string[] = [];
  const queued = new Map<string, StandInAnswer[]>();
  const files = new Map<string, { path: string; bytes: Buffer; uniqueId: string }>();
  let nextMessageId = 1000;

  const defaultAnswer = (call: RecordedCall): StandInAnswer => {
    if (call.method === 'setWebhook') return { status: 200, body: fixture('setWebhook-response.json') };
    if (call.method === 'answerCallbackQuery') return { status: 200, body: { ok: true, result: true } };
    if (call.method === 'getFile') {
      const fileId = String(call.params.file_id);
      const file = files.get(fileId);
      if (!file) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
      return { status: 200, body: { ok: true, result: { file_id: fileId, file_unique_id: file.uniqueId, file_size: file.bytes.length, file_path: file.path } } };
    }
    if (SEND_METHODS.has(call.method)) {
      const chatId = Number(call.params.chat_id);
      nextMessageId += 1;
      const result = { message_id: nextMessageId, from: { id: Number(call.token.split(':')[0]), is_bot: true, first_name: 'Example Support' }, chat: { id: chatId, type: 'private' }, date: 1795352800 };
      return { status: 200, body: { ok: true, result: typeof call.params.text === 'string' ? { ...result, text: call.params.text } : result } };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await buffer(req);
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (req.method === 'GET' && download) {
        downloads.push(url.pathname);
        const file = [...files.values()].find((f) => f.path === decodeURIComponent(download[2] ?? ''));
        if (!tokens.includes(download[1] ?? '') || !file) return res.writeHead(404).end();
        return res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.bytes.length) }).end(file.bytes);
      }
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (req.method !== 'POST' || !match) return res.writeHead(404).end();
      const call = await recordCall(match[1] ?? '', match[2] ?? '', req.headers['content-type'] ?? '', body);
      calls.push(call);
      const answer = !tokens.includes(call.token)
        ? { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } }
        : (queued.get(call.method)?.shift() ?? defaultAnswer(call));
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    downloads,
    answerNext(method, ...answers) {
      queued.set(method, [...(queued.get(method) ?? []), ...answers]);
    },
    addFile(fileId, file) {
      files.set(fileId, { path: file.path, bytes: file.bytes, uniqueId: file.uniqueId ?? `unique-${fileId.slice(-8)}` });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function recordCall(token: string, method: string, contentType: string, body: Buffer): Promise<RecordedCall> {
  const call: RecordedCall = { token, method, contentType, params: {}, files: {} };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'Content-Type': contentType }, body }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') call.params[key] = parseMaybeJson(value);
      else call.files[key] = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  } else if (body.length > 0) {
    call.params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  }
  return call;
}

function parseMaybeJson(value: string): unknown {
  if (!/^[[{]/.test(value) && !/^-?\d+$/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
