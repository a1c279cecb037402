import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findInboxDir } from './inbox-dir';

describe('findInboxDir', () => {
  it('finds the built inbox next to the server, or reports none', () => {
    const dir = findInboxDir();
    if (dir === undefined) return expect(dir).toBeUndefined();
    expect(dir.endsWith('apps/inbox/dist')).toBe(true);
    expect(existsSync(`${dir}/index.html`)).toBe(true);
  });
});
