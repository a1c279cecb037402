import type { UserWorkspaceConfig } from 'vitest/config';

/** Shared vitest settings for a workspace package; `include` adds test files beyond src/, test/ and the package root. */
export declare function createVitestProject(name: string, options?: { include?: string[] }): UserWorkspaceConfig;
