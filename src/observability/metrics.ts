import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Warden's Prometheus metrics, held in a registry of its own so tests and replicas never share one. */
export interface Metrics {
  registry: Registry;
  eventsIngested: Counter<'outcome' | 'source'>;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warden_' });
  return {
    registry,
    eventsIngested: new Counter({
      name: 'warden_events_ingested_total',
      help: 'Events by ingest outcome (accepted, duplicate, conflict, rejected) and source.',
      labelNames: ['outcome', 'source'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'warden_http_request_duration_seconds',
      help: 'API request durations by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
