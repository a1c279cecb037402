import type { UserWorkspaceConfig } from 'vitest/config';

/** Shared vitest settings for a workspace package. */
export declare function createVitestProject(name: string): UserWorkspaceConfig;
