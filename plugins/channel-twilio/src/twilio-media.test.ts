import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ACCOUNT_SID, FIXTURE_AUTH_TOKEN } from './test-helpers/twilio-fixtures';
import { startTwilioStandIn, TINY_JPEG, type TwilioStandIn } from './test-helpers/twilio-stand-in';
import { createTwilioMediaFetcher } from './twilio-media';

let twilio: TwilioStandIn;
const mediaPath = `/2010-04-01/Accounts/${FIXTURE_ACCOUNT_SID}/Messages/MM8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f/Media`;
const twilioUrl = (mediaSid: string) => `https://api.twilio.com${mediaPath}/${mediaSid}`;
const fetcher = (overrides: { authToken?: string; maxBytes?: number; apiBaseUrl?: string } = {}) =>
  createTwilioMediaFetcher({ accountSid: FIXTURE_ACCOUNT_SID, authToken: overrides.authToken ?? FIXTURE_AUTH_TOKEN, apiBaseUrl: overrides.apiBaseUrl ?? twilio.url, maxBytes: overrides.maxBytes ?? 1024, timeoutMs: 2000 });

beforeAll(async () => {
  twilio = await startTwilioStandIn({ accountSid: FIXTURE_ACCOUNT_SID, authToken: FIXTURE_AUTH_TOKEN });
  twilio.setMedia('ME00000000000000000000000000000001', TINY_JPEG, 'image/jpeg');
  twilio.setMedia('ME00000000000000000000000000000002', new Uint8Array(4096), 'application/pdf');
});
afterAll(async () => {
  await twilio?.close();
});

describe('downloading inbound media', () => {
  it('fetches api.twilio.com media from apiBaseUrl with Basic auth and follows the redirect without it', async () => {
    const file = await fetcher()({ url: twilioUrl('ME00000000000000000000000000000001'), contentType: 'image/png' });
    expect(file).toEqual({ data: Buffer.from(TINY_JPEG), contentType: 'image/jpeg', filename: 'ME00000000000000000000000000000001.jpg' });
    const [api, cdn] = twilio.mediaRequests.slice(-2);
    expect(api?.headers.authorization).toMatch(/^Basic /);
    expect(cdn?.headers.authorization).toBeUndefined();
  });

  it('never sends the credentials to a host that is not Twilio’s', async () => {
    const file = await fetcher()({ url: `${twilio.cdnUrl}/ME00000000000000000000000000000001`, contentType: 'image/jpeg' });
    expect(file.data.byteLength).toBe(TINY_JPEG.byteLength);
    expect(twilio.mediaRequests.at(-1)).toMatchObject({ host: 'cdn' });
    expect(twilio.mediaRequests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('refuses a file over maxBytes, and a deleted one, for good', async () => {
    await expect(fetcher({ maxBytes: 1024 })({ url: twilioUrl('ME00000000000000000000000000000002'), contentType: 'application/pdf' })).rejects.toMatchObject({
      code: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_TOO_LARGE',
      retryable: false,
    });
    await expect(fetcher()({ url: twilioUrl('ME000000000000000000000000000000ff'), contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_UNAVAILABLE',
      retryable: false,
    });
  });

  it('names the credentials when Twilio refuses them, and retries when Twilio cannot be reached', async () => {
    await expect(fetcher({ authToken: 'wrong' })({ url: twilioUrl('ME00000000000000000000000000000001'), contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_FAILED',
      retryable: false,
      message: expect.stringContaining('authToken'),
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetcher({ apiBaseUrl: `http://127.0.0.1:${port}` })({ url: twilioUrl('ME00000000000000000000000000000001'), contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_FAILED',
      retryable: true,
    });
  });
});
