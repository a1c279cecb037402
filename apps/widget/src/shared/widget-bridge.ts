// The postMessage protocol between the loader (on the customer's page) and the chat (in an
// iframe on the Switchboard server's origin). Both ends check the other's origin and window on
// every message; the chat never hands a session token to the page.

/** Marks our messages apart from whatever else the page posts around. */
export const BRIDGE_TAG = 'switchboard-webchat/1';

/** A signed-in user of the customer's site, as the host page passes it to `identify()`. */
export type WidgetUser = {
  external_id: string;
  user_hash: string;
  name?: string;
  email?: string;
};

/** What the page knows about the visitor, kept in the site's own (first-party) storage. */
export type VisitorInfo = {
  /** Random, not a credential: a new one after every reset (logout). */
  key: string;
  /** How many visits (30 minutes apart) this browser made to the site, this one included. */
  visits: number;
};

/** Contact attributes the host page reports (plan, order id…). */
export type WidgetAttributes = Record<string, string | number | boolean | null>;

/**
 * Loader → chat. `init` carries everything the page said before the chat was up, and the values
 * the chat keeps in the site's first-party storage (`stored`); `stored` later hands over all of
 * them again after another tab changed one, `reset` tells of a logout (the loader already
 * dropped the values).
 */
export type HostMessage =
  | { type: 'init'; visitor: VisitorInfo; stored: Record<string, string>; page: { url: string; title: string; referrer: string }; open: boolean; user: WidgetUser | null; attributes: WidgetAttributes | null }
  | { type: 'stored'; stored: Record<string, string> }
  | { type: 'open'; focus: boolean }
  | { type: 'close' }
  | { type: 'identify'; user: WidgetUser }
  | { type: 'attributes'; attributes: WidgetAttributes }
  | { type: 'reset' }
  | { type: 'invite'; rule: string; text: string };

/** Events the host page can listen to with `on(name, listener)`. */
export type WidgetEventName = 'ready' | 'open' | 'close' | 'message' | 'unread' | 'identified' | 'resolved' | 'error';

/** Chat → loader. `store` asks the loader to keep a value (null: drop it) in the site's storage. */
export type FrameMessage =
  | { type: 'ready' }
  | { type: 'store'; key: string; value: string | null }
  | { type: 'state'; unread: number; active: boolean }
  | { type: 'close' }
  | { type: 'notify'; author: string; text: string }
  | { type: 'event'; name: WidgetEventName; detail: unknown };

/** Wraps a message with the tag. */
export function bridgeEnvelope<T extends HostMessage | FrameMessage>(message: T): T & { tag: typeof BRIDGE_TAG } {
  return { ...message, tag: BRIDGE_TAG };
}

/**
 * The message, if `event` is one of ours from the expected window and origin; else null.
 *
 * @example
 * const msg = readBridgeMessage<FrameMessage>(event, iframe.contentWindow, serverOrigin);
 */
export function readBridgeMessage<T>(event: MessageEvent, source: unknown, origin: string): T | null {
  if (event.origin !== origin || event.source !== source || source == null) return null;
  const data = event.data as { tag?: unknown; type?: unknown } | null;
  if (!data || typeof data !== 'object' || data.tag !== BRIDGE_TAG || typeof data.type !== 'string') return null;
  return data as T;
}
