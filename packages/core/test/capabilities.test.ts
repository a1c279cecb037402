import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { CORE_VERSION } from '../src/version';
import { createEchoChannel } from './echo-channel';
import { getJson } from './inbox-helpers';

describe('capabilities, reply windows and the API description', () => {
  const whatsappLike = createEchoChannel({ replyWindowHours: 24, ui: { composerActions: [{ id: 'insert-template', label: 'Template' }] } });
  const sms = createEchoChannel({ id: 'echo-sms' });
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: whatsappLike.definition }, { definition: sms.definition }] });
  });
  afterAll(async () => host?.stop());

  it('tells the inbox the core version, the enabled plugins and their composer actions', async () => {
    expect(await getJson(host, '/api/v1/capabilities')).toEqual({
      core: { version: CORE_VERSION },
      plugins: [
        { id: 'echo-channel', kind: 'channel', version: '1.0.0', state: 'started' },
        { id: 'echo-sms', kind: 'channel', version: '1.0.0', state: 'started' },
      ],
      composerActions: [{ plugin: 'echo-channel', id: 'insert-template', label: 'Template' }],
    });
  });

  it('gives each leg the end of its channel’s reply window, null without one', async () => {
    const identity = { type: 'echo_user', value: 'window' };
    const first = await whatsappLike.channel().recordInbound({ thread: 'wa-1', from: { identity }, providerMessageId: 'w-1', text: 'hi' });
    await sms.channel().recordInbound({ thread: 'sms-1', from: { identity }, providerMessageId: 'w-2', text: 'also here' });
    const conv = await getJson<{ legs: Array<{ channel: string; lastInboundAt: string; replyWindowClosesAt: string | null }> }>(host, `/api/v1/conversations/${first.conversationId}`);
    const wa = conv.legs.find((l) => l.channel === 'echo-channel')!;
    expect(wa.replyWindowClosesAt).toBe(new Date(Date.parse(wa.lastInboundAt) + 24 * 3_600_000).toISOString());
    expect(conv.legs.find((l) => l.channel === 'echo-sms')!.replyWindowClosesAt).toBeNull();
  });

  it('describes every inbox route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
    for (const [path, method] of [
      ['/api/v1/conversations/counts', 'get'],
      ['/api/v1/conversations/{id}/read', 'post'],
      ['/api/v1/conversations/{id}/team', 'post'],
      ['/api/v1/conversations/{id}/priority', 'post'],
      ['/api/v1/conversations/{id}/labels', 'post'],
      ['/api/v1/conversations/{id}/typing', 'post'],
      ['/api/v1/conversations/{id}/messages/{messageId}/retry', 'post'],
      ['/api/v1/contacts/{id}/merge', 'post'],
      ['/api/v1/labels', 'get'],
      ['/api/v1/teams', 'get'],
      ['/api/v1/teams', 'post'],
      ['/api/v1/teams/{id}/members', 'post'],
      ['/api/v1/teams/{id}/members/{agentId}', 'delete'],
      ['/api/v1/capabilities', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const listParams = doc.paths['/api/v1/conversations']!.get!.parameters!.map((p) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['q', 'teamId', 'label', 'priority', 'sort', 'cursor']));
    expect((doc.paths['/api/v1/realtime']!.get as unknown as { summary: string }).summary).toContain('{"type":"typing","conversationId"');
  });
});
