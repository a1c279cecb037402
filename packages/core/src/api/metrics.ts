import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The core's Prometheus metrics, on a registry of its own (several cores may share a process in
 * tests). Served at `GET /metrics`.
 *
 * @example
 * const metrics = createMetrics({ realtimeConnections: () => 0, outboxBacklog: async () => 0 });
 * metrics.eventsPublished.inc(10);
 */
export function createMetrics(sources: { realtimeConnections: () => number; outboxBacklog: () => Promise<number> }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_process_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'switchboard_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] }),
    httpDuration: new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventsPublished: new Counter({ name: 'switchboard_outbox_events_published_total', help: 'Events the outbox relay published to JetStream', registers: [registry] }),
    outboxBacklog: new Gauge({
      name: 'switchboard_outbox_backlog',
      help: 'Committed events not yet published',
      registers: [registry],
      async collect() {
        this.set(await sources.outboxBacklog());
      },
    }),
    realtimeConnections: new Gauge({
      name: 'switchboard_realtime_connections',
      help: 'Open realtime connections of agents',
      registers: [registry],
      collect() {
        this.set(sources.realtimeConnections());
      },
    }),
  };
}

/** The core's metrics. */
export type Metrics = ReturnType<typeof createMetrics>;
