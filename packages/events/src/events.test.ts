import { describe, expect, it } from 'vitest';
import { createCloudEvent, deliverCommandName, eventSubject, isMessageName, newId, validateEventData } from './index';

describe('event contracts', () => {
  it('names follow <owner>.<entity>.<fact>.v<major>', () => {
    expect(isMessageName('core.message.received.v1')).toBe(true);
    expect(isMessageName('click-to-call.call.started.v2')).toBe(true);
    expect(isMessageName('core.Message.received')).toBe(false);
    expect(isMessageName('core.message.received.v0')).toBe(false);
    expect(eventSubject('core.message.received.v1')).toBe('switchboard.events.core.message.received.v1');
    expect(deliverCommandName('channel-telegram')).toBe('channel-telegram.message.deliver.v1');
  });

  it('builds CloudEvents 1.0 with ULID ids that sort in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    const event = createCloudEvent('core.contact.created.v1', { contactId: 'c1', name: null, identities: [] }, { source: 'switchboard/core', subject: 'c1' });
    expect(event).toMatchObject({ specversion: '1.0', type: 'core.contact.created.v1', subject: 'c1', datacontenttype: 'application/json' });
    expect(event.correlationid).toBe(event.id);
    expect(Date.parse(event.time)).not.toBeNaN();
  });

  it('validates core event data and passes unknown types through', () => {
    expect(validateEventData('core.contact.created.v1', { contactId: 'c1', name: null, identities: [{ type: 'phone', value: '+15550100' }] }).success).toBe(true);
    const bad = validateEventData('core.contact.created.v1', { contactId: 'c1', identities: [{ type: 'Phone!', value: '' }] });
    expect(bad.success).toBe(false);
    expect(validateEventData('acme.thing.happened.v1', { anything: true }).success).toBe(true);
  });
});
