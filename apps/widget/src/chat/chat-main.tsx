// The chat's entry (dist/index.html inside the loader's iframe, on the chat server's origin).
import { render } from 'preact';
import './chat.css';
import { ChatApp } from './chat-app';
import { createFrameBridge, frameParams } from './chat-bridge';
import { createChatController } from './chat-controller';
import { trapFocus } from './chat-focus';
import { playChime } from './chat-sound';
import { createChatStorage } from './chat-storage';
import { createStore, INITIAL_STATE } from './chat-store';

const params = frameParams(new URL(location.href));
const root = document.getElementById('chat')!;

if (!params || window.parent === window) {
  root.textContent = 'This is the Switchboard chat widget. Add it to a site with its <script> snippet (widget.js).';
} else {
  const store = createStore(INITIAL_STATE);
  const bridge = createFrameBridge(window, params.parentOrigin, (message) => {
    if (message.type === 'init') chat.init(message);
    else if (message.type === 'open') chat.setOpen(true, message.focus);
    else if (message.type === 'close') chat.setOpen(false);
    else if (message.type === 'identify') chat.identify(message.user);
    else if (message.type === 'attributes') chat.setAttributes(message.attributes);
    else if (message.type === 'stored') chat.stored(message.stored);
    else if (message.type === 'reset') void chat.reset();
    else if (message.type === 'invite') chat.invite(message.text);
  });
  const chat = createChatController({
    base: params.base,
    siteKey: params.siteKey,
    storage: createChatStorage((key, value) => bridge.send({ type: 'store', key, value })),
    store,
    out: {
      state: (unread, active) => bridge.send({ type: 'state', unread, active }),
      notify(author, text) {
        playChime(store.get().widget);
        bridge.send({ type: 'notify', author, text });
      },
      emit: (name, detail) => bridge.send({ type: 'event', name, detail }),
    },
  });
  const close = () => bridge.send({ type: 'close' });
  trapFocus(document, close);
  render(<ChatApp chat={chat} onClose={close} />, root);
  bridge.send({ type: 'ready' });
}
