// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fileProblem } from './chat-composer';
import type { ChatController } from './chat-controller';
import { Csat, preChatErrors } from './chat-forms';
import { createTranslator } from './chat-i18n';
import { INITIAL_STATE } from './chat-store';

const t = createTranslator('en');

describe('the chat’s forms', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('checks the pre-chat form against the widget’s field modes', () => {
    const fields = { name: 'required', email: 'optional', consent: 'required' } as const;
    expect(preChatErrors({ name: ' ', email: '', consent: false }, fields, t)).toEqual({ name: 'Please fill this in.', consent: 'Please fill this in.' });
    expect(preChatErrors({ name: 'Dana', email: 'dana@', consent: true }, fields, t)).toEqual({ email: 'Enter a valid email address.' });
    expect(preChatErrors({ name: 'Dana', email: '', consent: true }, fields, t)).toEqual({});
    expect(preChatErrors({ name: '', email: '', consent: false }, { name: 'off', email: 'required', consent: 'off' }, t)).toEqual({ email: 'Please fill this in.' });
  });

  it('refuses files over the widget’s limit or of a type it does not take, before uploading', () => {
    const limits = { enabled: true, max_bytes: 1024 * 1024, types: ['image/png', 'application/pdf'] };
    const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });
    expect(fileProblem(file('a.png', 'image/png', 10), limits, t)).toBeNull();
    expect(fileProblem(file('big.pdf', 'application/pdf', 2 * 1024 * 1024), limits, t)).toBe('big.pdf is too large (at most 1 MB).');
    expect(fileProblem(file('run.exe', 'application/x-msdownload', 10), limits, t)).toBe('run.exe: this type of file can’t be sent.');
    expect(fileProblem(file('a.png', 'image/png', 10), { ...limits, enabled: false }, t)).toBe('a.png: this type of file can’t be sent.');
  });

  it('rates 1–5 with native radio buttons and sends the rating with the comment', async () => {
    const rated: unknown[] = [];
    const chat = { rate: async (...a: unknown[]) => void rated.push(a) } as unknown as ChatController;
    const root = document.createElement('div');
    document.body.append(root);
    render(<Csat state={{ ...INITIAL_STATE, csat: { conversationId: 'cv1', state: 'open' } }} chat={chat} t={t} />, root);
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual(['1 out of 5', '2 out of 5', '3 out of 5', '4 out of 5', '5 out of 5']);
    expect(root.querySelector('legend')!.textContent).toBe('How would you rate this conversation?');
    const submit = root.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.disabled).toBe(true);
    radios[4]!.click();
    await new Promise((r) => setTimeout(r));
    const comment = root.querySelector('textarea')!;
    comment.value = 'Great help ';
    comment.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r));
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r));
    expect(rated).toEqual([[5, 'Great help']]);
  });
});
