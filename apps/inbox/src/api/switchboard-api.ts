import type { CloudEvent } from '@switchboard/events';
import type { ApiClient } from './api-client';
import type {
  AddNoteResponse,
  Agent,
  AgentRole,
  ApiToken,
  AttachmentMeta,
  Capabilities,
  ChangeResponse,
  Contact,
  ContactSearchItem,
  ConversationCounts,
  ConversationDetail,
  ConversationPage,
  ConversationSort,
  ConversationStatus,
  CreatedApiToken,
  Identity,
  LabelCount,
  Leg,
  LoginResponse,
  MeResponse,
  MergeResponse,
  MergeSuggestion,
  Message,
  PluginStatus,
  Presence,
  Priority,
  ReplyOption,
  RetryResponse,
  SendMessageResponse,
  Team,
} from './api-types';

/** Filters of the conversation list; each maps to a query parameter of `GET /conversations`. */
export type ConversationQuery = {
  status?: ConversationStatus | undefined;
  assignee?: 'me' | 'unassigned' | string | undefined;
  contactId?: string | undefined;
  channel?: string | undefined;
  teamId?: string | undefined;
  label?: string | undefined;
  priority?: Priority | undefined;
  /** Full text over messages, or part of the contact's name or an identity. */
  q?: string | undefined;
  sort?: ConversationSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
};

const enc = encodeURIComponent;
const MESSAGE_PAGE = 200;
const EVENT_PAGE = 500;

/**
 * Every REST endpoint the inbox uses, typed. Pages are followed where the inbox needs the whole
 * set (a conversation's messages and events).
 *
 * @example
 * const api = createSwitchboardApi(client);
 * const page = await api.listConversations({ assignee: 'me', status: 'open' });
 */
export function createSwitchboardApi(client: ApiClient) {
  const { request } = client;
  return {
    client,
    login: (email: string, password: string) => request<LoginResponse>('POST', '/auth/login', { body: { email, password } }),
    logout: () => request<void>('POST', '/auth/logout'),
    me: (signal?: AbortSignal) => request<MeResponse>('GET', '/me', signal ? { signal } : {}),
    setPresence: (presence: Presence) => request<Agent>('PUT', '/me/presence', { body: { presence } }),

    listConversations: (query: ConversationQuery, signal?: AbortSignal) =>
      request<ConversationPage>('GET', '/conversations', { query: { ...query }, ...(signal ? { signal } : {}) }),
    getConversation: (id: string, signal?: AbortSignal) => request<ConversationDetail>('GET', `/conversations/${enc(id)}`, signal ? { signal } : {}),
    async listAllMessages(id: string, signal?: AbortSignal): Promise<Message[]> {
      const all: Message[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await request<{ items: Message[] }>('GET', `/conversations/${enc(id)}/messages`, { query: { limit: MESSAGE_PAGE, after }, ...(signal ? { signal } : {}) });
        all.push(...page.items);
        if (page.items.length < MESSAGE_PAGE) return all;
        after = page.items[page.items.length - 1]?.id;
      }
    },
    async listEvents(id: string, afterSeq: number, signal?: AbortSignal): Promise<CloudEvent[]> {
      const all: CloudEvent[] = [];
      let after = afterSeq;
      for (;;) {
        const page = await request<{ items: CloudEvent[] }>('GET', `/conversations/${enc(id)}/events`, { query: { afterSeq: after }, ...(signal ? { signal } : {}) });
        all.push(...page.items);
        const last = page.items[page.items.length - 1] as CloudEvent<{ seq?: number }> | undefined;
        if (page.items.length < EVENT_PAGE || typeof last?.data.seq !== 'number') return all;
        after = last.data.seq;
      }
    },
    replyOptions: (id: string, signal?: AbortSignal) => request<{ items: ReplyOption[] }>('GET', `/conversations/${enc(id)}/reply-options`, signal ? { signal } : {}),
    openLeg: (id: string, body: { channel: string; account: string; identity?: Identity }) => request<{ leg: Leg; created: boolean }>('POST', `/conversations/${enc(id)}/legs`, { body }),
    sendMessage: (id: string, body: { clientMessageId: string; text: string; attachmentIds: string[]; legId?: string }) =>
      request<SendMessageResponse>('POST', `/conversations/${enc(id)}/messages`, { body }),
    addNote: (id: string, body: { clientMessageId: string; text: string }) => request<AddNoteResponse>('POST', `/conversations/${enc(id)}/notes`, { body }),
    assign: (id: string, agentId: string | null) => request<ChangeResponse>('POST', `/conversations/${enc(id)}/assign`, { body: { agentId } }),
    setStatus: (id: string, status: ConversationStatus, snoozedUntil?: string) =>
      request<ChangeResponse>('POST', `/conversations/${enc(id)}/status`, { body: snoozedUntil ? { status, snoozedUntil } : { status } }),

    counts: (signal?: AbortSignal) => request<ConversationCounts>('GET', '/conversations/counts', signal ? { signal } : {}),
    markRead: (id: string) => request<{ conversationId: string; lastReadAt: string }>('POST', `/conversations/${enc(id)}/read`, { body: {} }),
    setTeam: (id: string, teamId: string | null) => request<ChangeResponse>('POST', `/conversations/${enc(id)}/team`, { body: { teamId } }),
    setPriority: (id: string, priority: Priority | null) => request<ChangeResponse>('POST', `/conversations/${enc(id)}/priority`, { body: { priority } }),
    setLabels: (id: string, labels: string[]) => request<ChangeResponse>('POST', `/conversations/${enc(id)}/labels`, { body: { labels } }),
    typing: (id: string, typing: boolean) => request<void>('POST', `/conversations/${enc(id)}/typing`, { body: { typing } }),
    retryMessage: (id: string, messageId: string) => request<RetryResponse>('POST', `/conversations/${enc(id)}/messages/${enc(messageId)}/retry`),
    listLabels: (signal?: AbortSignal) => request<{ items: LabelCount[] }>('GET', '/labels', signal ? { signal } : {}),
    listTeams: (signal?: AbortSignal) => request<{ items: Team[] }>('GET', '/teams', signal ? { signal } : {}),
    createTeam: (name: string) => request<Team>('POST', '/teams', { body: { name } }),
    addTeamMember: (teamId: string, agentId: string) => request<Team>('POST', `/teams/${enc(teamId)}/members`, { body: { agentId } }),
    removeTeamMember: (teamId: string, agentId: string) => request<void>('DELETE', `/teams/${enc(teamId)}/members/${enc(agentId)}`),
    capabilities: (signal?: AbortSignal) => request<Capabilities>('GET', '/capabilities', signal ? { signal } : {}),

    getContact: (id: string, signal?: AbortSignal) => request<Contact>('GET', `/contacts/${enc(id)}`, signal ? { signal } : {}),
    searchContacts: (q: string, signal?: AbortSignal) => request<{ items: ContactSearchItem[] }>('GET', '/contacts', { query: { q, limit: 20 }, ...(signal ? { signal } : {}) }),
    mergeContacts: (survivorId: string, otherContactId: string) => request<MergeResponse>('POST', `/contacts/${enc(survivorId)}/merge`, { body: { otherContactId } }),
    mergeSuggestions: (id: string, signal?: AbortSignal) => request<{ items: MergeSuggestion[] }>('GET', `/contacts/${enc(id)}/suggestions`, signal ? { signal } : {}),
    dismissSuggestion: (id: string, otherId: string) => request<{ contactId: string; otherContactId: string; dismissed: true }>('POST', `/contacts/${enc(id)}/suggestions/${enc(otherId)}/dismiss`, { body: {} }),
    getAttachment: (id: string, signal?: AbortSignal) => request<AttachmentMeta>('GET', `/attachments/${enc(id)}`, signal ? { signal } : {}),

    listAgents: () => request<{ items: Agent[] }>('GET', '/agents'),
    createAgent: (body: { name: string; email: string; role: AgentRole; password: string }) => request<Agent>('POST', '/agents', { body }),
    listApiTokens: () => request<{ items: ApiToken[] }>('GET', '/api-tokens'),
    createApiToken: (body: { name: string; role: 'admin' | 'integrator' }) => request<CreatedApiToken>('POST', '/api-tokens', { body }),
    revokeApiToken: (id: string) => request<void>('DELETE', `/api-tokens/${enc(id)}`),
    listPlugins: () => request<{ items: PluginStatus[] }>('GET', '/plugins'),
  };
}

/** The inbox's API. */
export type SwitchboardApi = ReturnType<typeof createSwitchboardApi>;
