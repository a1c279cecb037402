import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MessengerConfigSchema, sendingPageOf } from './messenger-config';

const problems = (input: unknown) => {
  const result = v.safeParse(MessengerConfigSchema, input);
  return result.success ? [] : result.issues.map((i) => i.message);
};

describe('MessengerConfigSchema', () => {
  it('takes Pages and linked Instagram accounts, with defaults', () => {
    const config = v.parse(MessengerConfigSchema, { accounts: [{ id: '109876543210987' }, { id: '17841400000000001', platform: 'instagram', pageId: '109876543210987' }] });
    expect(config).toMatchObject({ humanAgentTag: true, fetchProfiles: true, graphApiVersion: 'v25.0', graphApiBaseUrl: 'https://graph.facebook.com', requestTimeoutMs: 10_000 });
    expect(config.accounts.map(sendingPageOf)).toEqual(['109876543210987', '109876543210987']);
  });

  it('explains each mistake', () => {
    expect(problems({})).toEqual(['accounts is required: list your Facebook Pages (and Instagram accounts) as { id }']);
    expect(problems({ accounts: [{ id: 17841400000000001, platform: 'instagram' }] })).toContain('accounts[].id must be a string (quote it in YAML)');
    expect(problems({ accounts: [{ id: '17841400000000001', platform: 'instagram' }] })).toEqual(['an instagram account needs pageId: the Facebook Page it is linked to (Messenger API for Instagram)']);
    expect(problems({ accounts: [{ id: '109876543210987', pageId: '109876543210988' }] })).toEqual(['pageId is only for instagram accounts; a Page sends for itself']);
    expect(problems({ accounts: [{ id: '109876543210987' }, { id: '109876543210987' }] })).toEqual(['accounts lists the same id twice']);
  });
});
