import { describe, expect, it } from 'vitest';
import { availableComposerActions, COMPOSER_ACTION_EVENT, dispatchComposerAction, type ComposerActionDetail } from './composer-actions';

describe('composer actions', () => {
  it('announce a click as a switchboard:composer-action event with plugin, action and conversation', () => {
    const target = new EventTarget();
    const seen: ComposerActionDetail[] = [];
    target.addEventListener(COMPOSER_ACTION_EVENT, (e) => seen.push((e as CustomEvent<ComposerActionDetail>).detail));
    dispatchComposerAction({ plugin: 'templates', id: 'insert-template', conversationId: 'c1' }, target as unknown as Window);
    expect(COMPOSER_ACTION_EVENT).toBe('switchboard:composer-action');
    expect(seen).toEqual([{ plugin: 'templates', id: 'insert-template', conversationId: 'c1' }]);
  });
});

describe('available composer actions', () => {
  it('only of started plugins, and a channel plugin’s only where the conversation runs on it', () => {
    const capabilities = {
      core: { version: '0.1.0' },
      plugins: [
        { id: 'channel-whatsapp', kind: 'channel', version: '1', state: 'started' },
        { id: 'templates', kind: 'templates', version: '1', state: 'started' },
        { id: 'click-to-call', kind: 'voice', version: '1', state: 'failed' },
      ],
      composerActions: [
        { plugin: 'channel-whatsapp', id: 'send-template', label: 'Send template' },
        { plugin: 'templates', id: 'insert', label: 'Insert template' },
        { plugin: 'click-to-call', id: 'call', label: 'Call' },
      ],
    };
    expect(availableComposerActions(capabilities, ['channel-sms']).map((a) => a.id)).toEqual(['insert']);
    expect(availableComposerActions(capabilities, ['channel-sms', 'channel-whatsapp']).map((a) => a.id)).toEqual(['send-template', 'insert']);
    expect(availableComposerActions(undefined, [])).toEqual([]);
  });
});
