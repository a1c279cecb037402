import type { ConversationStatus, Identity, Leg, Message } from '@switchboard/events';

// Response shapes of the REST API that the contracts package does not export (they live in the
// core's api-schemas, which apps may not import). Message, Leg and friends come from the contracts.

export type { ConversationStatus, Identity, Leg, Message };

/** Agent roles and presence. */
export type AgentRole = 'admin' | 'agent';
export type Presence = 'online' | 'away' | 'offline';

/** An agent as `GET /agents` and `GET /me` return it. */
export type Agent = { id: string; email: string; name: string; role: AgentRole; presence: Presence; createdAt: string };

/** `POST /auth/login`. */
export type LoginResponse = { token: string; expiresAt: string; agent: Agent };

/** `GET /me`: an agent, or an integrator's API token. */
export type MeResponse =
  | { kind: 'agent'; agent: Agent }
  | { kind: 'token'; token: { kind: 'token'; id: string; role: string; name: string } };

/** A conversation as lists show it (`GET /conversations`). */
export type Conversation = {
  id: string;
  contactId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  priority: string | null;
  labels: string[];
  snoozedUntil: string | null;
  /** The conversation's sequence number: the seq of the last event applied. */
  seq: number;
  lastMessageText: string | null;
  lastActivityAt: string;
  lastInboundAt: string | null;
  waitingSince: string | null;
  createdAt: string;
};

/** A page of conversations; `nextCursor` continues the keyset pagination. */
export type ConversationPage = { items: Conversation[]; nextCursor: string | null };

/** A contact identity with the evidence that linked it. */
export type ContactIdentity = Identity & { evidence: string };

/** A contact's conversation as the contact view lists it. */
export type ContactConversation = { id: string; status: ConversationStatus; lastActivityAt: string; lastMessageText: string | null };

/** `GET /contacts/:id`. */
export type Contact = {
  id: string;
  name: string | null;
  mergedInto: string | null;
  attributes: Record<string, unknown>;
  identities: ContactIdentity[];
  conversations: ContactConversation[];
  createdAt: string;
};

/** `GET /conversations/:id`: the list fields plus legs and the contact. */
export type ConversationDetail = Conversation & { legs: Leg[]; contact: Contact };

/** `POST /conversations/:id/messages`. */
export type SendMessageResponse = { message: Message; duplicate: boolean };
/** `POST /conversations/:id/notes`. */
export type AddNoteResponse = { note: Message; duplicate: boolean };
/** `POST …/assign` and `POST …/status`. */
export type ChangeResponse = { conversationId: string; seq: number; changed: boolean };

/** `POST /attachments` answers the stored reference; `GET /attachments/:id` adds a signed URL. */
export type AttachmentMeta = { id: string; name: string; contentType: string; size: number; url: string };

/** `GET /api-tokens` items; `POST` adds the secret `token`, shown once. */
export type ApiToken = { id: string; name: string; role: 'admin' | 'integrator'; createdAt: string };
export type CreatedApiToken = ApiToken & { token: string };

/** `GET /plugins` items. */
export type PluginStatus = { id: string; version: string; kind: string; state: string; error?: string };
