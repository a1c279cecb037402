import type { DeliverInput, Message } from '@switchboard/events';
import { describe, expect, it } from 'vitest';
import { FIXTURE_USER, jsonFixture } from './test-helpers/fixtures';
import { planViberSends } from './viber-outbound-plan';

type RequestFixture = { body: Record<string, unknown> };
type Attachment = DeliverInput['attachments'][number];

function input(message: Partial<Message>, attachments: Attachment[] = []): DeliverInput {
  return {
    message: {
      id: '01JD3Z6Q8V5C2K9W4T7N0R1M6B',
      conversationId: 'conv-7f3c',
      legId: 'leg-1',
      channel: 'channel-viber',
      direction: 'outbound',
      private: false,
      sender: { kind: 'agent', id: 'agent-1', name: 'Anna' },
      text: '',
      attachments: attachments.map(({ url: _url, ...ref }) => ref),
      delivery: { state: 'queued', error: null },
      clientMessageId: 'c-1',
      providerMessageId: null,
      replyToMessageId: null,
      createdAt: '2026-11-23T10:00:00.000Z',
      ...message,
    },
    leg: { id: 'leg-1', channel: 'channel-viber', account: 'support', thread: FIXTURE_USER, identity: { type: 'viber_user', value: FIXTURE_USER }, createdAt: '2026-11-23T09:00:00.000Z' },
    attachments,
    attempt: 1,
  };
}

const withAvatar = { sender: { name: 'Example Support', avatar: 'https://files.example.com/avatar.jpg' }, minApiVersion: 1 };
const plain = { sender: { name: 'Example Support' }, minApiVersion: 1 };

describe('planViberSends, against the documented requests', () => {
  it('builds send-text-request.json', () => {
    const documented = jsonFixture<RequestFixture>('send-text-request.json').body;
    expect(planViberSends(input({ text: String(documented.text) }), withAvatar).sends).toEqual([documented]);
  });

  it('builds send-picture-request.json (without the optional thumbnail) for a picture with a short caption', () => {
    const { thumbnail: _thumbnail, ...documented } = jsonFixture<RequestFixture>('send-picture-request.json').body;
    const label = { id: 'att-1', name: '1042.jpg', contentType: 'image/jpeg', size: 2048, url: String(documented.media) };
    const [send] = planViberSends(input({ text: String(documented.text) }, [label]), plain).sends;
    expect(send).toEqual({ ...documented, tracking_data: 'conv-7f3c' });
  });

  it('builds send-file-request.json for anything that is not a picture or video', () => {
    const documented = jsonFixture<RequestFixture>('send-file-request.json').body;
    const invoice = { id: 'att-2', name: 'invoice-1042.pdf', contentType: 'application/pdf', size: 48211, url: String(documented.media) };
    expect(planViberSends(input({}, [invoice]), plain).sends).toEqual([{ ...documented, tracking_data: 'conv-7f3c' }]);
  });
});

describe('planViberSends', () => {
  it('sends the text first when it is too long for a picture description, or with several files', () => {
    const picture = { id: 'a', name: 'a.png', contentType: 'image/png', size: 10, url: 'https://files.example.com/a.png' };
    const long = planViberSends(input({ text: 'x'.repeat(769) }, [picture]), plain).sends;
    expect(long.map((s) => [s.type, s.text])).toEqual([['text', 'x'.repeat(769)], ['picture', '']]);
    const video = { ...picture, id: 'b', name: 'b.mp4', contentType: 'video/mp4', size: 5000 };
    const several = planViberSends(input({ text: 'Files' }, [picture, video]), plain).sends;
    expect(several.map((s) => s.type)).toEqual(['text', 'picture', 'video']);
    expect(several[2]).toMatchObject({ media: video.url, size: 5000 });
  });

  it('offers quick replies as a keyboard whose buttons send their title back', () => {
    const quickReplies = [{ title: 'Talk to a human', payload: 'handoff_human' }, { title: 'Track order', payload: 'track' }, { title: 'Cancel', payload: 'cancel' }];
    const plan = planViberSends(input({ text: 'How can we help?', content: { quickReplies } }), plain);
    expect(plan.sends).toHaveLength(1);
    expect(plan.sends[0]?.keyboard).toEqual({
      Type: 'keyboard',
      DefaultHeight: false,
      Buttons: [
        { Columns: 3, Rows: 1, ActionType: 'reply', ActionBody: 'Talk to a human', Text: 'Talk to a human' },
        { Columns: 3, Rows: 1, ActionType: 'reply', ActionBody: 'Track order', Text: 'Track order' },
        { Columns: 6, Rows: 1, ActionType: 'reply', ActionBody: 'Cancel', Text: 'Cancel' },
      ],
    });
    expect(plan.quickReplies).toEqual(quickReplies);
  });

  it('shares a location and contact cards, splits long text, and plans nothing for an empty message', () => {
    const shared = planViberSends(input({ content: { location: { latitude: 38.9, longitude: -77 }, contacts: [{ name: 'Front desk', phones: ['+12025550100'], emails: [] }] } }), plain).sends;
    expect(shared.map(({ type, location, contact }) => ({ type, location, contact }))).toEqual([
      { type: 'location', location: { lat: 38.9, lon: -77 }, contact: undefined },
      { type: 'contact', location: undefined, contact: { name: 'Front desk', phone_number: '+12025550100' } },
    ]);
    expect(planViberSends(input({ text: 'y'.repeat(7001) }), plain).sends.map((s) => String(s.text).length)).toEqual([7000, 1]);
    expect(planViberSends(input({}), plain).sends).toEqual([]);
  });
});
