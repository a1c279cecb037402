import type { IncomingMessage } from 'node:http';

const READERS = ['arrayBuffer', 'blob', 'formData', 'json', 'text'] as const;
const decoder = new TextDecoder();

/**
 * Lets a request's body be read straight from Node's stream. `@hono/node-server` hands handlers a
 * lightweight request that turns into a full WHATWG `Request` — an AbortController, a web stream
 * over the Node stream — the first time anything touches the body, which hono's `bodyLimit` and
 * every `c.req.text()` / `json()` do: about a tenth of the server's time under load, for small
 * JSON bodies. For a body with a `Content-Length`, this reads the bytes once with Node's own
 * stream and serves `text()`, `json()`, `arrayBuffer()`, `blob()`, `formData()` and `body` (a
 * web stream over the same bytes, only made when asked for) from them. A chunked body, or a
 * request that is cloned before its body was read, keeps the node-server behaviour.
 *
 * @example
 * serve({ fetch: (req, env: { incoming?: IncomingMessage }) => app.fetch(withNodeRequestBody(req, env?.incoming), env) });
 */
export function withNodeRequestBody(req: Request, incoming: IncomingMessage | undefined): Request {
  if (!incoming || req.method === 'GET' || req.method === 'HEAD') return req;
  if (incoming.headers['content-length'] === undefined || incoming.headers['transfer-encoding'] !== undefined) return req;
  const proto = Object.getPrototypeOf(req) as Record<string, unknown>;
  const inherited = <T>(name: string): T => Reflect.get(proto, name, req) as T;
  let bytes: Promise<Buffer> | undefined;
  let stream: ReadableStream<Uint8Array> | undefined;
  // Once the lightweight request became a full one (a clone), the full one owns the Node stream.
  let delegated = false;
  const read = () => (bytes ??= readAll(incoming));
  const contentType = () => req.headers.get('content-type') ?? '';

  const fast: Record<(typeof READERS)[number], () => Promise<unknown>> = {
    arrayBuffer: async () => {
      const b = await read();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    },
    blob: async () => new Blob([await read()], { type: contentType() }),
    formData: async () => new Response(await read(), { headers: { 'content-type': contentType() } }).formData(),
    json: async () => JSON.parse(decoder.decode(await read())) as unknown,
    text: async () => decoder.decode(await read()),
  };
  const properties: PropertyDescriptorMap = {
    bodyUsed: { get: () => (delegated ? inherited<boolean>('bodyUsed') : bytes !== undefined) },
    body: {
      get: () => {
        if (delegated) return inherited<ReadableStream<Uint8Array> | null>('body');
        return (stream ??= new ReadableStream<Uint8Array>({
          async pull(controller) {
            const b = await read();
            if (b.byteLength > 0) controller.enqueue(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
            controller.close();
          },
        }));
      },
    },
    clone: {
      value: () => {
        if (bytes !== undefined) throw new TypeError('Request.clone: the body has already been read');
        delegated = true;
        return (proto.clone as () => Request).call(req);
      },
    },
  };
  for (const name of READERS) {
    properties[name] = { value: () => (delegated ? (proto[name] as () => Promise<unknown>).call(req) : fast[name]()) };
  }
  Object.defineProperties(req, properties);
  return req;
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.once('error', reject);
    incoming.once('aborted', () => reject(new Error('the client aborted the request')));
  });
}
