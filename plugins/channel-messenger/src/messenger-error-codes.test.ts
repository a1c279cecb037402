import { describe, expect, it } from 'vitest';
import { toDeliveryFailure } from './messenger-deliver';
import { SendApiError } from './messenger-graph';
import { messengerJson } from './test-helpers/fixtures';
import { pageTokens } from './messenger-tokens';

function fromFixture(name: string): SendApiError {
  const { status, body } = messengerJson<{ status: number; body: { error: { message: string; code: number; error_subcode?: number } } }>(name);
  return new SendApiError(body.error.message, { status, code: body.error.code, subcode: body.error.error_subcode ?? null });
}

describe('Send API errors', () => {
  it('retries the rate limit (613), transient errors and 5xx', () => {
    expect(toDeliveryFailure(fromFixture('error-rate-limit.json'))).toMatchObject({ code: 'messenger_613', retryable: true });
    expect(toDeliveryFailure(new SendApiError('Temporary', { status: 500, code: 2 })).retryable).toBe(true);
    expect(toDeliveryFailure(new SendApiError('bad gateway', { status: 502 }))).toMatchObject({ code: 'messenger_http_502', retryable: true });
    expect(toDeliveryFailure(new SendApiError('no route', { status: 0 }))).toMatchObject({ code: 'messenger_network', retryable: true });
  });

  it('fails at once outside the window and for an unavailable person, with Meta’s words', () => {
    const outside = toDeliveryFailure(fromFixture('error-outside-window.json'));
    expect(outside).toMatchObject({ code: 'messenger_outside_window', retryable: false });
    expect(outside.message).toContain('(#10) This message is sent outside of allowed window.');
    const gone = toDeliveryFailure(fromFixture('error-person-unavailable.json'), 'Instagram');
    expect(gone).toMatchObject({ code: 'messenger_551', retryable: false });
    expect(gone.message).toMatch(/^Instagram error 551\/1545041: \(#551\) This person isn't available right now\. \(the person blocked/);
    expect(toDeliveryFailure(new SendApiError('Error validating access token', { status: 400, code: 190 }))).toMatchObject({ code: 'messenger_190', retryable: false, message: expect.stringContaining('pageAccessTokens') });
  });
});

describe('pageAccessTokens', () => {
  it('reads pairs, or one token for every Page', () => {
    expect([...pageTokens('1111111=tokA, 2222222=tokB', ['1111111', '2222222'])]).toEqual([['1111111', 'tokA'], ['2222222', 'tokB']]);
    expect([...pageTokens('EAAGsingle', ['1111111', '2222222'])]).toEqual([['1111111', 'EAAGsingle'], ['2222222', 'EAAGsingle']]);
  });

  it('names the Pages without a token, and refuses a malformed list', () => {
    expect(() => pageTokens('1111111=tokA', ['1111111', '2222222'])).toThrow(/no Page access token for Page 2222222/);
    expect(() => pageTokens('tokA tokB', ['1111111'])).toThrow(/must be <pageId>=<token> pairs/);
  });
});
