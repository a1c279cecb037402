import { describe, expect, it } from 'vitest';
import { filterFromUrl, filterKey, filterToQuery, filterToSearch, narrowingCount, type ListFilter } from './list-filter';

describe('list filter ↔ URL', () => {
  it('reads the defaults from a bare URL: open conversations, latest activity first', () => {
    expect(filterFromUrl('mine', '')).toEqual({ view: 'mine', status: 'open', sort: 'activity', q: undefined, teamId: undefined, label: undefined, priority: undefined, channel: undefined, assigneeId: undefined });
    expect(filterToSearch(filterFromUrl('mine', ''))).toBe('');
  });

  it('round-trips every filter, in a stable order', () => {
    const filter: ListFilter = { view: 'all', status: undefined, q: 'refund iban', teamId: '01JTEAM', label: 'vip', priority: 'urgent', channel: 'channel-sms', assigneeId: '01JAGENT', sort: 'waiting' };
    const search = filterToSearch(filter);
    expect(search).toBe('?status=any&q=refund+iban&team=01JTEAM&label=vip&priority=urgent&channel=channel-sms&assignee=01JAGENT&sort=waiting');
    expect(filterFromUrl('all', search)).toEqual(filter);
    expect(filterKey(filter)).toBe(`all${search}`);
  });

  it('ignores what a hand-edited or old link gets wrong, keeping the rest', () => {
    const filter = filterFromUrl('unassigned', '?status=archived&priority=critical&sort=oldest&label=%20VIP%20&q=%20%20&assignee=01J&team=a/b');
    expect(filter).toMatchObject({ view: 'unassigned', status: 'open', priority: undefined, sort: 'activity', label: 'vip', q: undefined, assigneeId: undefined, teamId: undefined });
  });

  it('keeps a specific assignee only in the All view', () => {
    expect(filterFromUrl('mine', '?assignee=01JAGENT').assigneeId).toBeUndefined();
    expect(filterToSearch({ view: 'mine', status: 'open', sort: 'activity', assigneeId: '01JAGENT' })).toBe('');
  });

  it('turns a filter into the list endpoint parameters', () => {
    expect(filterToQuery({ view: 'mine', status: 'open', sort: 'waiting', label: 'vip' })).toMatchObject({ assignee: 'me', status: 'open', sort: 'waiting', label: 'vip' });
    expect(filterToQuery({ view: 'unassigned', status: undefined, sort: 'activity' })).toMatchObject({ assignee: 'unassigned', status: undefined });
    expect(filterToQuery({ view: 'all', status: 'open', sort: 'activity', assigneeId: 'a1', q: 'iban' })).toMatchObject({ assignee: 'a1', q: 'iban' });
  });

  it('counts the filters that narrow the list, for "Clear filters"', () => {
    expect(narrowingCount({ view: 'all', status: 'pending', sort: 'waiting' })).toBe(0);
    expect(narrowingCount({ view: 'all', status: 'open', sort: 'activity', q: 'x', label: 'vip', teamId: 't' })).toBe(3);
  });
});
