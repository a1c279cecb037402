import { describe, expect, it } from 'vitest';
import { contentColumn } from './message-content-column';

describe('contentColumn', () => {
  it('stores content as JSON and no content (or an empty one) as NULL', () => {
    expect(contentColumn(undefined)).toBeNull();
    expect(contentColumn({})).toBeNull();
    expect(contentColumn({ quickReplies: undefined })).toBeNull();
    expect(JSON.parse(contentColumn({ quickReplies: [{ title: 'Yes', payload: 'YES' }] })!)).toEqual({ quickReplies: [{ title: 'Yes', payload: 'YES' }] });
  });
});
