import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { eventually } from './visitor-page';

type Message = { text: string; private: boolean; sender: { kind: string }; attachments: Array<{ id: string; name: string; contentType: string }>; content?: unknown };

async function getJson<T>(host: TestHost, path: string): Promise<T> {
  const res = await host.request(path);
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The messages (not notes) of a conversation, oldest first, as the server stores them. */
export async function conversationMessages(host: TestHost, conversationId: string): Promise<Message[]> {
  const page = await getJson<{ items: Message[] }>(host, `/api/v1/conversations/${conversationId}/messages?limit=100`);
  return page.items.filter((m) => !m.private);
}

/**
 * The id of the conversation one of whose messages contains `text`, once the server has it.
 *
 * @example
 * const id = await conversationWith(host, 'Where is my order');
 */
export async function conversationWith(host: TestHost, text: string): Promise<string> {
  let found: string | undefined;
  await eventually(async () => {
    const list = await getJson<{ items: Array<{ id: string }> }>(host, '/api/v1/conversations?limit=100');
    for (const c of list.items) {
      if ((await conversationMessages(host, c.id)).some((m) => m.text.includes(text))) found = c.id;
    }
    return found;
  }).toBeDefined();
  return found!;
}

/**
 * An agent's reply through the REST API (the admin of the test host), as the inbox sends it.
 *
 * @example
 * await agentReply(host, conversationId, 'It ships today.');
 */
export async function agentReply(host: TestHost, conversationId: string, text: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `agent-${Date.now()}-${Math.random().toString(36).slice(2)}`, text, ...extra }) });
  if (!res.ok) throw new Error(`the agent's reply was refused: ${res.status} ${await res.text()}`);
}
