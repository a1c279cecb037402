import type { Options } from 'tsup';

/** Shared tsup settings: ESM with declarations. */
export declare function createTsupConfig(options: Options): Options;
