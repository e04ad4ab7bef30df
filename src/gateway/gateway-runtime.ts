import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import type { WardenConfig } from '../config/index.js';
import { createClassifier, loadClassifierModel } from '../content/index.js';
import type { EnforcementBus } from '../enforcement/index.js';
import type { DecodedEvent } from '../events/index.js';
import type { Registry } from 'prom-client';
import { createGatewayMetrics, createGatewayRegistry, type Logger } from '../observability/index.js';
import { createAdminServer, type AdminServer } from './admin-server.js';
import { cipherOf, fieldCipherFromConfig, findEntitiesOfAccount, type Database } from '../store/index.js';
import { spillLineCodec } from '../privacy/index.js';
import { AccountValuesCache, probesOfEntities } from './account-values.js';
import { SpillingEventQueue } from './event-queue.js';
import { remoteEventSink, storeEventSink } from './event-sinks.js';
import { createGateway, type Gateway, type GatewayObserver } from './gateway.js';
import { loadGatewayFile } from './gateway-file.js';
import {
  decideWithinBudget,
  failureDecision,
  inlineContentPort,
  loadGatewayPolicy,
  recordOutcome,
  MAX_ACCOUNT_VALUES,
  type EvasionScreen,
  type GatewayPolicy,
  type IntelMatchPort,
  type PolicyContext,
} from './policy/index.js';
import { createGatewayState, type GatewayState } from './state/index.js';
import { storeKeyDirectory } from './store-key-directory.js';
import { storeIntel, type StoreIntel } from './store-intel.js';
import { storeEvasion, type StoreEvasion } from './store-evasion.js';
import type { KeyDirectory } from './key-directory.js';

export interface GatewayRuntimeOptions {
  config: Readonly<WardenConfig>;
  database: Database;
  logger: Logger;
  now?: () => number;
  /** Embedded in `warden serve`: the process's enforcement state, shared with cases (not closed by the gateway). */
  state?: GatewayState;
  /** Without `state`: the process's enforcement bus, shared with whoever writes bans. */
  bus?: EnforcementBus;
  /** Embedded: the live pipeline's feed, called after the gateway's events are committed. */
  onEventsCommitted?: (events: DecodedEvent[]) => void | Promise<void>;
  /**
   * Intel matching and ban-evasion screening from the live pipeline, when this process runs it.
   * Without `intel` the gateway compiles the store's intel itself and re-reads it when it changes.
   */
  intel?: IntelMatchPort;
  evasion?: EvasionScreen;
  /** Folder of the event spill segments (default `<dataDir>/gateway-spill`). */
  spillDir?: string;
  /** Redis key prefix (tests give each replica set its own). */
  redisKeyPrefix?: string;
  /** Registry for the gateway's metrics: the API's in `warden serve`; default, one of its own (served by `listenAdmin`). */
  metrics?: Registry;
}

/** A gateway with everything it runs on: state, keys, policy, event queue. */
export interface GatewayRuntime {
  gateway: Gateway;
  state: GatewayState;
  keys: KeyDirectory;
  events: SpillingEventQueue;
  accountValues: AccountValuesCache;
  /** The registry holding the gateway's metrics. */
  metrics: Registry;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Starts the admin listener (`/metrics`, `/healthz`, `/readyz`) on `WARDEN_GATEWAY_ADMIN_PORT` unless given. */
  listenAdmin(port?: number, host?: string): Promise<AddressInfo>;
  /** Re-reads the gateway config file and the policy file; a bad file is refused and the old configuration stays. */
  reload(): { ok: true } | { ok: false; error: string };
  /** Folds newly committed events into cached account values (embedded: wired to the ingest path). */
  observeEvents(events: readonly DecodedEvent[]): void;
  close(): Promise<void>;
}

/**
 * Builds a gateway from configuration: the enforcement state (embedded or Redis), the store's
 * keys, the policy with the inline classifier, account values from the entity index, and the
 * spilling event queue into the store (embedded) or a remote Warden (`WARDEN_GATEWAY_EVENTS_URL`).
 * Does not listen; `warden serve` and `warden gateway` call `listen`.
 */
export async function createGatewayRuntime(o: GatewayRuntimeOptions): Promise<GatewayRuntime> {
  const { config, database, logger } = o;
  const now = o.now ?? Date.now;
  let fileConfig = loadGatewayFile(config.gateway.configFile);
  let policy: GatewayPolicy = loadGatewayPolicy(config.gateway.policyFile);

  const ownState = o.state === undefined;
  const state =
    o.state ??
    createGatewayState({
      database,
      logger,
      now,
      ...(config.redis.url ? { redisUrl: config.redis.url } : {}),
      ...(o.bus ? { bus: o.bus } : {}),
      ...(o.redisKeyPrefix ? { keyPrefix: o.redisKeyPrefix } : {}),
    });
  await state.ready;
  const registry = o.metrics ?? createGatewayRegistry();
  const metrics = createGatewayMetrics(registry);
  state.observeBusLag((s) => metrics.busLag.observe(s));
  const keys = await storeKeyDirectory(database, config.gateway.keyRefreshMs, (err) =>
    logger.warn({ err }, 'gateway keys could not be re-read; using the last copy'),
  );

  let content: PolicyContext['content'];
  try {
    content = inlineContentPort(createClassifier(loadClassifierModel()));
  } catch (err) {
    logger.warn({ err }, 'gateway: the content classifier could not be loaded; content rules are off');
  }
  // A replica has no live pipeline: it reads the stored intel itself, as `warden serve`'s pipeline does.
  let ownIntel: StoreIntel | undefined;
  if (!o.intel) {
    try {
      ownIntel = await storeIntel({ database, logger, refreshMs: config.gateway.intelRefreshMs });
    } catch (err) {
      logger.warn({ err }, 'gateway: stored intel could not be read; intel rules are off');
    }
  }
  const intel = o.intel ?? ownIntel?.port;
  // Nor a pipeline's evasion screening: the banned-entity index from the store stands in for it.
  let ownEvasion: StoreEvasion | undefined;
  if (!o.evasion) {
    try {
      ownEvasion = await storeEvasion({ database, logger, refreshMs: config.gateway.intelRefreshMs });
    } catch (err) {
      logger.warn({ err }, 'gateway: the banned-entity index could not be read; evasion screening is off');
    }
  }
  const evasion = o.evasion ?? ownEvasion?.screen;
  const ctx: PolicyContext = {
    blocklist: state.blocklist,
    counters: state.counters,
    ...(content ? { content } : {}),
    ...(intel ? { intel } : {}),
    ...(evasion ? { evasion } : {}),
  };

  const accountValues = new AccountValuesCache(
    async (account) =>
      probesOfEntities(await findEntitiesOfAccount(database.db, account), MAX_ACCOUNT_VALUES),
    {
      size: fileConfig.accountValues.cacheSize,
      refreshMs: fileConfig.accountValues.refreshMs,
      maxValues: MAX_ACCOUNT_VALUES,
      now,
      onError: (err) => logger.warn({ err }, 'gateway: account values refresh failed'),
    },
  );

  const onCommitted = (events: DecodedEvent[]) => {
    accountValues.observe(events);
    return o.onEventsCommitted?.(events);
  };
  const sink =
    config.gateway.eventsUrl && config.gateway.eventsKey
      ? remoteEventSink({ url: config.gateway.eventsUrl, key: config.gateway.eventsKey, logger })
      : storeEventSink({ database, now, onCommitted, logger });
  const events = new SpillingEventQueue({
    sink,
    spillDir: o.spillDir ?? join(config.database.dataDir, 'gateway-spill'),
    maxInMemory: fileConfig.events.queueMax,
    batchSize: fileConfig.events.batchSize,
    lingerMs: fileConfig.events.lingerMs,
    lineCodec: spillLineCodec(cipherOf(database.db) ?? fieldCipherFromConfig(config.privacy)),
    onError: (err) => logger.warn({ err }, 'gateway events: sink or spill failed; retrying'),
  });
  metrics.readQueue({
    inMemory: () => events.stats.inMemory,
    onDisk: () => events.stats.onDisk,
    spillBytes: () => events.spillBytes(),
    delivered: () => events.stats.delivered,
    spilled: () => events.stats.spilled,
    sinkFailures: () => events.stats.sinkFailures,
  });
  const observer: GatewayObserver = {
    finished(r) {
      const route = r.route;
      metrics.requests.inc({ route, decision: r.decision, status: String(r.status) });
      metrics.addedLatency.observe({ route }, r.addedSeconds);
      for (const reason of r.reasons) metrics.reasons.inc({ source: reason.source, code: reason.code });
    },
    upstream(upstream, outcome, seconds) {
      metrics.upstreamDuration.observe({ upstream, outcome }, seconds);
      if (outcome !== 'ok') metrics.upstreamErrors.inc({ upstream, kind: outcome });
    },
    dropped: () => metrics.eventsDropped.inc(),
  };
  let admin: AdminServer | undefined;

  const gateway = createGateway({
    config: fileConfig,
    defaultUpstream: config.gateway.upstream,
    keys,
    decide: (facts, extra) => {
      const d = decideWithinBudget(facts, ctx, policy, () => performance.now());
      return extra.inputFailure
        ? failureDecision(policy, extra.inputFailure.kind, extra.inputFailure.detail, d)
        : d;
    },
    onOutcome: (outcome) =>
      recordOutcome(outcome.facts, { refused: outcome.refused }, state.counters, policy),
    accountValues,
    emit: (e) => events.push(e),
    observer,
    logger,
    now,
  });

  return {
    gateway,
    state,
    keys,
    events,
    accountValues,
    metrics: registry,
    listen: (port = config.gateway.port, host = config.gateway.host) => gateway.listen(port, host),
    listenAdmin(port = config.gateway.adminPort, host = config.gateway.adminHost) {
      admin ??= createAdminServer({
        metrics: () => registry.metrics(),
        contentType: registry.contentType,
        ready: () => true,
      });
      return admin.listen(port, host);
    },
    reload() {
      try {
        const nextFile = loadGatewayFile(config.gateway.configFile);
        const nextPolicy = loadGatewayPolicy(config.gateway.policyFile);
        gateway.reload(nextFile);
        fileConfig = nextFile;
        policy = nextPolicy;
        metrics.reloads.inc({ outcome: 'applied' });
        logger.info(
          { file: config.gateway.configFile ?? null, policy: config.gateway.policyFile ?? null },
          'gateway configuration reloaded',
        );
        return { ok: true };
      } catch (err) {
        metrics.reloads.inc({ outcome: 'refused' });
        logger.error({ err }, 'gateway configuration reload refused; the running configuration stays');
        return { ok: false, error: (err as Error).message };
      }
    },
    observeEvents: (list) => accountValues.observe(list),
    async close() {
      await admin?.close();
      ownIntel?.close();
      ownEvasion?.close();
      await gateway.close();
      keys.close();
      // Deliver what the sink will take in a few seconds; the rest waits on disk for the next start.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([events.flush(), new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      await events.close();
      if (ownState) await state.close();
    },
  };
}
