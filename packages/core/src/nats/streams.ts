import { jetstreamManager, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECT_PREFIX, EVENTS_STREAM, EVENT_SUBJECT_PREFIX } from '@switchboard/events';

const DAY_NS = 24 * 3600 * 1_000_000_000;

/** Options of {@link ensureStreams}. */
export type StreamOptions = { replicas?: number; maxAgeDays?: number };

/**
 * Creates (or updates) the events stream and the dead-letter stream. The duplicate window is what
 * makes a republished outbox row a no-op; realtime resume can go back as far as `maxAgeDays`.
 *
 * @example
 * await ensureStreams(nc, { replicas: 3 });
 */
export async function ensureStreams(nc: NatsConnection, options: StreamOptions = {}): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const streams: Array<Partial<StreamConfig> & { name: string }> = [
    {
      name: EVENTS_STREAM,
      subjects: [`${EVENT_SUBJECT_PREFIX}>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: options.replicas ?? 1,
      max_age: (options.maxAgeDays ?? 7) * DAY_NS,
      duplicate_window: 10 * 60 * 1_000_000_000,
    },
    {
      name: DEAD_LETTER_STREAM,
      subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: options.replicas ?? 1,
      max_age: 30 * DAY_NS,
      duplicate_window: 10 * 60 * 1_000_000_000,
    },
  ];
  for (const config of streams) {
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (existing) await jsm.streams.update(config.name, { ...existing.config, ...config });
    else await jsm.streams.add(config);
  }
}
