import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './conversation-cursor';

describe('conversation list cursors', () => {
  it('round-trip the sort key, including a null waiting time', () => {
    const a = { sort: 'activity' as const, key: '2025-01-01T00:00:00.000Z', id: '01J' };
    const w = { sort: 'waiting' as const, key: null, id: '01K' };
    expect(decodeCursor(encodeCursor(a), 'activity')).toEqual(a);
    expect(decodeCursor(encodeCursor(w), 'waiting')).toEqual(w);
  });

  it('refuses foreign cursors and cursors of another sort with a 422', () => {
    expect(() => decodeCursor('not a cursor', 'activity')).toThrow(expect.objectContaining({ code: 'SWB_ERR_VALIDATION', status: 422 }));
    expect(() => decodeCursor(Buffer.from('[1,2,3]').toString('base64url'), 'activity')).toThrow(/not one this server made/);
    expect(() => decodeCursor(encodeCursor({ sort: 'activity', key: 'x', id: 'y' }), 'waiting')).toThrow(/sort=activity/);
  });
});
