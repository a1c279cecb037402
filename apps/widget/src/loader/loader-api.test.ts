import { describe, expect, it } from 'vitest';
import { createWidgetApi, type ApiActions } from './loader-api';

function recorder() {
  const calls: unknown[][] = [];
  const actions: ApiActions = {
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    toggle: () => calls.push(['toggle']),
    identify: (user) => calls.push(['identify', user]),
    setAttributes: (a) => calls.push(['setAttributes', a]),
    reset: () => calls.push(['reset']),
  };
  return { calls, actions };
}

describe('the host page API (window.SwitchboardChat)', () => {
  it('runs queued commands in the shape pages push them before the loader arrives', () => {
    const { calls, actions } = recorder();
    const { api } = createWidgetApi(actions);
    api.push(['identify', { external_id: 'cust_000042', user_hash: 'e57dc0', name: 'Dana' }]);
    api.push(['setAttributes', { plan: 'pro' }]);
    api.push(['open']);
    expect(calls).toEqual([['identify', { external_id: 'cust_000042', user_hash: 'e57dc0', name: 'Dana', email: undefined }], ['setAttributes', { plan: 'pro' }], ['open']]);
    expect(() => api.push(['explode'])).toThrow(/no method explode/);
  });

  it('refuses an identify without external_id and user_hash, naming what to pass', () => {
    const { calls, actions } = recorder();
    const { api } = createWidgetApi(actions);
    expect(() => api.identify({ external_id: 'cust_000042' } as never)).toThrow(/external_id, user_hash/);
    expect(() => api.setAttributes(['x'] as never)).toThrow(/object/);
    expect(calls).toEqual([]);
  });

  it('delivers events to listeners until they unsubscribe, and one failing listener does not stop the rest', () => {
    const { actions } = recorder();
    const { api, emit } = createWidgetApi(actions);
    const seen: unknown[] = [];
    const off = api.on('message', (d) => seen.push(d));
    api.on('message', () => {
      throw new Error('page bug');
    });
    api.on('message', (d) => seen.push(['second', d]));
    const errors: unknown[] = [];
    const restore = globalThis.setTimeout;
    // The failing listener's error is rethrown asynchronously (reported, not swallowed).
    globalThis.setTimeout = ((fn: () => void) => {
      try {
        fn();
      } catch (err) {
        errors.push(err);
      }
      return 0;
    }) as typeof setTimeout;
    try {
      emit('message', { text: 'Hi' });
      off();
      emit('message', { text: 'again' });
    } finally {
      globalThis.setTimeout = restore;
    }
    expect(seen).toEqual([{ text: 'Hi' }, ['second', { text: 'Hi' }], ['second', { text: 'again' }]]);
    expect(errors).toHaveLength(2);
  });
});
