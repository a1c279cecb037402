import { describe, expect, it } from 'vitest';
import { fixtureJson } from './test-helpers/fixtures';
import { toDeliveryFailure } from './whatsapp-cloud-deliver';
import { GraphApiError } from './whatsapp-cloud-graph';

type ErrorFixture = { status: number; body: { error: { message: string; code: number; error_data?: { details?: string } } } };

function fromFixture(name: string): GraphApiError {
  const { status, body } = fixtureJson<ErrorFixture>(name);
  return new GraphApiError({ message: body.error.message, status, code: body.error.code, details: body.error.error_data?.details ?? null });
}

describe('send errors → retryable or permanent', () => {
  it.each([
    ['error-130429-rate-limit.json', 'whatsapp_130429'],
    ['error-131056-pair-rate-limit.json', 'whatsapp_131056'],
  ])('%s is retried', (fixture, code) => {
    const failure = toDeliveryFailure(fromFixture(fixture));
    expect(failure).toMatchObject({ code, retryable: true });
  });

  it('an expired token (190) fails at once and says what to replace', () => {
    const failure = toDeliveryFailure(fromFixture('error-190-token-expired.json'));
    expect(failure).toMatchObject({ code: 'whatsapp_190', retryable: false });
    expect(failure.message).toContain('Error validating access token: Session has expired.');
    expect(failure.message).toContain('accessToken');
  });

  it('131047 (outside the window) and invalid recipients fail at once with WhatsApp’s reason', () => {
    expect(toDeliveryFailure(new GraphApiError({ message: 'Re-engagement message', status: 400, code: 131047 }))).toMatchObject({ code: 'whatsapp_131047', retryable: false });
    const invalid = toDeliveryFailure(new GraphApiError({ message: '(#100) Invalid parameter', status: 400, code: 100, details: 'Invalid recipient' }));
    expect(invalid).toMatchObject({ code: 'whatsapp_100', retryable: false, message: 'WhatsApp error 100: (#100) Invalid parameter — Invalid recipient' });
  });

  it('app rate limits (4, 613), 5xx and network failures are retried', () => {
    expect(toDeliveryFailure(new GraphApiError({ message: 'x', status: 400, code: 4 })).retryable).toBe(true);
    expect(toDeliveryFailure(new GraphApiError({ message: 'x', status: 400, code: 613 })).retryable).toBe(true);
    expect(toDeliveryFailure(new GraphApiError({ message: 'the Graph API answered 502', status: 502 }))).toMatchObject({ code: 'whatsapp_http_502', retryable: true });
    expect(toDeliveryFailure(new GraphApiError({ message: 'could not reach graph', status: 0 }))).toMatchObject({ code: 'whatsapp_network', retryable: true });
  });
});
