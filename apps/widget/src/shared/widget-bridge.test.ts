import { describe, expect, it } from 'vitest';
import { bridgeEnvelope, readBridgeMessage, type FrameMessage } from './widget-bridge';

const frame = { name: 'chat iframe window' };
const event = (data: unknown, origin: string, source: unknown) => ({ data, origin, source }) as unknown as MessageEvent;

describe('the postMessage bridge', () => {
  it('accepts only tagged messages from the expected window at the expected origin', () => {
    const ready = bridgeEnvelope<FrameMessage>({ type: 'ready' });
    expect(readBridgeMessage(event(ready, 'https://chat.example.com', frame), frame, 'https://chat.example.com')).toEqual(ready);
    // Another origin (a page pretending to be the chat), another window, untagged data.
    expect(readBridgeMessage(event(ready, 'https://evil.example.net', frame), frame, 'https://chat.example.com')).toBeNull();
    expect(readBridgeMessage(event(ready, 'https://chat.example.com', { other: true }), frame, 'https://chat.example.com')).toBeNull();
    expect(readBridgeMessage(event({ type: 'ready' }, 'https://chat.example.com', frame), frame, 'https://chat.example.com')).toBeNull();
    expect(readBridgeMessage(event('ready', 'https://chat.example.com', frame), frame, 'https://chat.example.com')).toBeNull();
    // The chat is not loaded yet: nothing can come from it.
    expect(readBridgeMessage(event(ready, 'https://chat.example.com', null), null, 'https://chat.example.com')).toBeNull();
  });
});
