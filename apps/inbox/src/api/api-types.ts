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

/** A row of `GET /conversations`: the conversation with its contact, channels and my unread count. */
export type ConversationListItem = Conversation & {
  contact: { id: string; name: string | null };
  /** Distinct channels of the conversation's legs, in the order they were opened. */
  channels: string[];
  /** Customer messages the signed-in agent has not read. */
  unreadCount: number;
};

/** A page of conversations; `nextCursor` continues the keyset pagination. */
export type ConversationPage = { items: ConversationListItem[]; nextCursor: string | null };

/** How urgent a conversation is; `null` means not set. */
export type Priority = 'urgent' | 'high' | 'medium' | 'low';
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'medium', 'low'];

/** Order of the list: latest activity first, or longest-waiting customer first. */
export type ConversationSort = 'activity' | 'waiting';

/** A contact identity with the evidence that linked it. */
export type ContactIdentity = Identity & { evidence: string };

/** An unverified detail of a contact (a channel's hint: a typed email, a phone from a form), with the channel that reported it. */
export type ContactDetail = Identity & { source: string; createdAt: string };

/** A contact's conversation as the contact view lists it. */
export type ContactConversation = { id: string; status: ConversationStatus; lastActivityAt: string; lastMessageText: string | null };

/** `GET /contacts/:id`. */
export type Contact = {
  id: string;
  name: string | null;
  mergedInto: string | null;
  attributes: Record<string, unknown>;
  identities: ContactIdentity[];
  /** Unverified details: never identities, shown as such (older servers send none). */
  details?: ContactDetail[];
  conversations: ContactConversation[];
  createdAt: string;
};

/**
 * A leg as `GET /conversations/:id` shows it: when the customer last wrote on it, and until when
 * its channel lets an agent reply freely (`null`: the channel has no reply window).
 */
export type DetailLeg = Leg & { lastInboundAt: string | null; replyWindowClosesAt: string | null };

/** `GET /conversations/:id`: the list fields plus legs and the contact. */
export type ConversationDetail = Conversation & { legs: DetailLeg[]; contact: Contact };

/**
 * `GET /conversations/:id/reply-options` items: a leg of the conversation (`kind: 'leg'`), or one
 * that could be opened on another channel account for the contact (`kind: 'new'`, `legId: null`).
 */
export type ReplyOption = {
  kind: 'leg' | 'new';
  legId: string | null;
  channel: string;
  account: string;
  accountLabel: string | null;
  thread: string;
  identity: Identity | null;
  lastInboundAt: string | null;
  replyWindowClosesAt: string | null;
};

/** `GET /contacts?q=` items. */
export type ContactSearchItem = { id: string; name: string | null; createdAt: string };

/** `GET /contacts/:id/suggestions` items: a contact that may be the same person, and why. */
export type MergeSuggestion = {
  contact: { id: string; name: string | null; identities: Identity[]; createdAt: string };
  /** Whose unverified detail matched the other's identity: this contact's, or the suggested one's. */
  reasons: Array<Identity & { source: string; detailOf: 'this' | 'other' }>;
};

/** `POST /contacts/:id/merge`. */
export type MergeResponse = { survivorId: string; mergedId: string; movedConversationIds: string[] };

/** `GET /teams` items. */
export type Team = { id: string; name: string; createdAt: string; agentIds: string[] };

/** `GET /labels` items: a label in use and on how many conversations. */
export type LabelCount = { label: string; count: number };

/** `GET /conversations/counts`: open conversations per view, and mine with unread customer messages. */
export type ConversationCounts = { mine: number; unassigned: number; all: number; unread: number };

/** A plugin's button in the composer (`GET /capabilities`). */
export type ComposerActionInfo = { plugin: string; id: string; label: string };

/** `GET /capabilities`: what the running server can do. */
export type Capabilities = {
  core: { version: string };
  plugins: Array<{ id: string; kind: string; version: string; state: string }>;
  composerActions: ComposerActionInfo[];
};

/** `POST …/messages/:messageId/retry`. */
export type RetryResponse = { messageId: string; state: string; changed: boolean };

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
