import type { WidgetAttributes as Attributes, WidgetEventName, WidgetUser } from '../shared/widget-bridge';

type Listener = (detail: unknown) => void;

/** What the API asks the widget to do. */
export type ApiActions = {
  open(): void;
  close(): void;
  toggle(): void;
  identify(user: WidgetUser): void;
  setAttributes(attributes: Attributes): void;
  reset(): void;
};

/** The `window.SwitchboardChat` object a host page scripts the widget with. */
export type WidgetApi = ApiActions & {
  on(name: WidgetEventName, listener: Listener): () => void;
  off(name: WidgetEventName, listener: Listener): void;
  /** Runs `[method, ...args]`: what a page queued before the loader arrived, in the same shape. */
  push(command: unknown[]): void;
};

/** Fails loudly on the host page's mistakes; the server checks everything again. */
function checkUser(user: WidgetUser): WidgetUser {
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (!user || !text(user.external_id) || !text(user.user_hash)) {
    throw new TypeError('SwitchboardChat.identify: pass { external_id, user_hash, name?, email? } (user_hash from your backend)');
  }
  return { external_id: user.external_id, user_hash: user.user_hash, name: user.name, email: user.email };
}

function checkAttributes(attributes: Attributes): Attributes {
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) throw new TypeError('SwitchboardChat.setAttributes: pass an object');
  return attributes;
}

/**
 * The host page's API, with listeners for the widget's events. Commands queued on the page
 * before the loader ran (`window.SwitchboardChat = [['identify', {...}]]`) are replayed.
 *
 * @example
 * const { api, emit } = createWidgetApi(actions);
 * api.on('message', (m) => console.log(m));
 * emit('message', { direction: 'in', text: 'Hi' });
 */
export function createWidgetApi(actions: ApiActions) {
  const listeners = new Map<WidgetEventName, Set<Listener>>();
  const api: WidgetApi = {
    open: () => actions.open(),
    close: () => actions.close(),
    toggle: () => actions.toggle(),
    identify: (user) => actions.identify(checkUser(user)),
    setAttributes: (attributes) => actions.setAttributes(checkAttributes(attributes)),
    reset: () => actions.reset(),
    on(name, listener) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return () => api.off(name, listener);
    },
    off: (name, listener) => void listeners.get(name)?.delete(listener),
    push([method, ...args]) {
      const fn = api[method as keyof WidgetApi] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof fn !== 'function' || method === 'push') throw new TypeError(`SwitchboardChat has no method ${String(method)}`);
      fn(...args);
    },
  };
  return {
    api,
    emit(name: WidgetEventName, detail?: unknown): void {
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(detail);
        } catch (err) {
          // A failing listener of the page must not stop the widget or the other listeners.
          setTimeout(() => {
            throw err;
          });
        }
      }
    },
  };
}
