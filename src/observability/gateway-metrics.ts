import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the queue-depth gauges read when Prometheus scrapes (the gateway's spilling event queue). */
export interface GatewayQueueReadings {
  inMemory(): number;
  onDisk(): number;
  /** Bytes of spill segment files now on disk. */
  spillBytes(): Promise<number>;
  delivered(): number;
  spilled(): number;
  sinkFailures(): number;
}

/** The gateway's Prometheus metrics (docs/gateway.md#metrics). Labels are bounded: configured routes and upstreams, decisions, reason codes. */
export interface GatewayMetrics {
  requests: Counter<'route' | 'decision' | 'status'>;
  addedLatency: Histogram<'route'>;
  upstreamDuration: Histogram<'upstream' | 'outcome'>;
  upstreamErrors: Counter<'upstream' | 'kind'>;
  reasons: Counter<'source' | 'code'>;
  eventsDropped: Counter;
  reloads: Counter<'outcome'>;
  busLag: Histogram;
  /** Points the queue gauges at the gateway's event queue (once it exists). */
  readQueue(readings: GatewayQueueReadings): void;
}

// Sub-millisecond buckets: the gateway's own share of a request is tens to hundreds of µs.
const addedBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const upstreamBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const lagBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A registry of its own for a gateway process without the API (`warden gateway`), with Node's process metrics. */
export function createGatewayRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warden_' });
  return registry;
}

/**
 * Registers the gateway's metrics on `registry`: the API's registry in `warden serve` (served on
 * the API's `/metrics`), a registry of its own in `warden gateway` (served on the admin listener).
 */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const registers = [registry];
  let queue: GatewayQueueReadings | undefined;
  const gauge = (name: string, help: string, read: (q: GatewayQueueReadings) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        if (queue) this.set(read(queue));
      },
    });
  gauge('warden_gateway_event_queue_depth', 'Request events held in memory, waiting for the sink.', (q) =>
    q.inMemory(),
  );
  gauge(
    'warden_gateway_events_on_disk',
    'Request events in spill segments, not yet delivered (NaN right after a restart until read).',
    (q) => q.onDisk(),
  );
  new Gauge({
    name: 'warden_gateway_event_spill_bytes',
    help: 'Bytes of spill segment files on disk.',
    registers,
    async collect() {
      if (queue) this.set(await queue.spillBytes());
    },
  });
  // Counters the queue keeps itself, read at scrape time (monotonic: a counter in Prometheus terms).
  const counterGauge = (name: string, help: string, read: (q: GatewayQueueReadings) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        if (!queue) return;
        this.reset();
        this.inc(read(queue));
      },
    });
  counterGauge('warden_gateway_events_delivered_total', 'Request events the sink took.', (q) =>
    q.delivered(),
  );
  counterGauge('warden_gateway_events_spilled_total', 'Request events written to spill segments.', (q) =>
    q.spilled(),
  );
  counterGauge('warden_gateway_event_sink_failures_total', 'Sink calls that failed (retried).', (q) =>
    q.sinkFailures(),
  );
  return {
    requests: new Counter({
      name: 'warden_gateway_requests_total',
      help: 'Gateway requests by configured route (`*` passthrough, `none` before a route matched), decision and status.',
      labelNames: ['route', 'decision', 'status'],
      registers,
    }),
    addedLatency: new Histogram({
      name: 'warden_gateway_added_latency_seconds',
      help: "Time in the gateway minus time waiting on the upstream: the gateway's own share of each request.",
      labelNames: ['route'],
      buckets: addedBuckets,
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'warden_gateway_upstream_duration_seconds',
      help: 'From sending a request upstream to the end of its answer (or its failure), by upstream and outcome.',
      labelNames: ['upstream', 'outcome'],
      buckets: upstreamBuckets,
      registers,
    }),
    upstreamErrors: new Counter({
      name: 'warden_gateway_upstream_errors_total',
      help: 'Upstream failures: timeout (504), unavailable (502), broke-off (mid-answer).',
      labelNames: ['upstream', 'kind'],
      registers,
    }),
    reasons: new Counter({
      name: 'warden_gateway_decision_reasons_total',
      help: 'Reasons on the gateway policy decisions, by signal and Warden reason code.',
      labelNames: ['source', 'code'],
      registers,
    }),
    eventsDropped: new Counter({
      name: 'warden_gateway_events_dropped_total',
      help: 'Request events that could not be queued (must stay 0: the queue spills rather than drops).',
      registers,
    }),
    reloads: new Counter({
      name: 'warden_gateway_config_reloads_total',
      help: 'Gateway configuration reloads (SIGHUP or the API), by outcome: applied or refused.',
      labelNames: ['outcome'],
      registers,
    }),
    busLag: new Histogram({
      name: 'warden_gateway_enforcement_bus_lag_seconds',
      help: 'Scale-out: from a replica publishing an enforcement change to this replica receiving it over Redis.',
      buckets: lagBuckets,
      registers,
    }),
    readQueue(readings) {
      queue = readings;
    },
  };
}
