import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without declarations
import { findViolations } from './check-boundaries.mjs';

const find = findViolations as (root: string) => string[];

describe('boundary check', () => {
  let root: string;
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('flags a plugin importing core, another plugin, or reaching outside its folder', () => {
    root = mkdtempSync(join(tmpdir(), 'swb-bounds-'));
    file('plugins/channel-x/package.json', JSON.stringify({ name: 'x', devDependencies: { '@switchboard/core': 'workspace:*' } }));
    file('plugins/channel-x/src/index.ts', "import { createSwitchboard } from '@switchboard/core';\nimport y from '@switchboard/plugin-channel-y';\nimport z from '../../../packages/core/src/index';\nimport { definePlugin } from '@switchboard/plugin-sdk';\n");
    file('packages/events/src/index.ts', "import x from '@switchboard/plugin-sdk';\n");
    file('packages/core/src/config.ts', 'export const port = process.env.PORT;\n');
    const violations = find(root);
    expect(violations.some((v) => v.includes('imports @switchboard/core'))).toBe(true);
    expect(violations.some((v) => v.includes('imports @switchboard/plugin-channel-y'))).toBe(true);
    expect(violations.some((v) => v.includes('reaches outside its folder'))).toBe(true);
    expect(violations.some((v) => v.includes('declares @switchboard/core'))).toBe(true);
    expect(violations.some((v) => v.includes('packages/events may not import'))).toBe(true);
    expect(violations.some((v) => v.includes('reads process.env'))).toBe(true);
    expect(violations.some((v) => v.includes('imports @switchboard/plugin-sdk'))).toBe(false);
  });

  it('lets a plugin depend on an app package to serve its files, but not import its code', () => {
    root = mkdtempSync(join(tmpdir(), 'swb-bounds-'));
    file('apps/widget/package.json', JSON.stringify({ name: '@switchboard/widget' }));
    file('plugins/channel-w/package.json', JSON.stringify({ name: 'w', dependencies: { '@switchboard/widget': 'workspace:*', '@switchboard/inbox': 'workspace:*' } }));
    file('plugins/channel-w/src/index.ts', "import { x } from '@switchboard/widget';\n");
    const violations = find(root);
    expect(violations.some((v) => v.includes('declares @switchboard/widget'))).toBe(false);
    expect(violations.some((v) => v.includes('declares @switchboard/inbox'))).toBe(true);
    expect(violations.some((v) => v.includes('imports @switchboard/widget'))).toBe(true);
  });

  it('passes on this repository', () => {
    root = mkdtempSync(join(tmpdir(), 'swb-bounds-'));
    expect(find(resolve(fileURLToPath(import.meta.url), '../../..'))).toEqual([]);
  });
});
