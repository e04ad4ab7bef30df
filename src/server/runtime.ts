import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/index.js';
import type { WardenConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import { createLogger, createMetrics, type Logger, type Metrics } from '../observability/index.js';
import { migrateUp, openDatabase, type Database } from '../store/index.js';
import { isAppError } from '../errors/index.js';
import { loadActorCatalogue, loadStixSchemas, type StixSchemaSet } from '../intel/index.js';
import { loadIntelStateFromStore, scheduleFeedSync } from '../taxii/index.js';
import { LiveAnalysis } from './live-analysis.js';
import { AuditLog } from '../audit/index.js';
import { createCasesEngine, type CasesEngine } from '../cases/index.js';
import { createGatewayState, type GatewayState } from '../gateway/state/index.js';
import { createGatewayRuntime, evasionScreenFrom, intelMatchFrom, type GatewayRuntime } from '../gateway/index.js';
import { loadWarninglists } from '../intel/index.js';
import { storeCaseLookup } from './case-lookup.js';
import { scheduleRetention } from './retention-job.js';
import { recordConfigApplied } from './config-audit.js';
import { loadPipelineConfig, loadPipelineDeps } from './pipeline-deps.js';

/** The composition root's product: everything a running Warden holds, and how to stop it. */
export interface Runtime {
  config: Readonly<WardenConfig>;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  app: FastifyInstance;
  analysis: LiveAnalysis;
  /** This process's blocklist copy and the bus bans are published on (Redis in scale-out mode). */
  enforcement: GatewayState;
  /** Cases scheduler: opens cases from detections, runs due actions, delivers webhooks. */
  cases: CasesEngine;
  /** The OpenAI-compatible gateway sharing this process's store, pipeline and blocklist (when asked for). */
  gateway?: GatewayRuntime;
  close(): Promise<void>;
}

/**
 * Wires Warden together from configuration: database (migrated when `migrate` is true, as the
 * embedded default is), logger, metrics and the API. No module-level singletons: everything is
 * built here and passed down.
 */
export async function createRuntime(
  config: Readonly<WardenConfig>,
  options: { migrate?: boolean; logger?: Logger; gateway?: boolean } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.log.level);
  const database = openDatabase(config);
  if (options.migrate ?? true) {
    const report = await migrateUp(database.db);
    if (!report.ok) {
      await database.close();
      throw new AppError('MIGRATION_FAILED', `Migration failed: ${report.error}`, { details: { report }, expose: true });
    }
  }
  const metrics = createMetrics();
  const intelBundles = config.intel.bundles.split(',').map((s) => s.trim()).filter(Boolean);
  const schemas = stixSchemasOrNothing(logger);
  // The live pipeline knows what the store holds (API, TAXII, feeds) plus configured bundles.
  const pipelineConfig = loadPipelineConfig(config.pipeline);
  const pipelineDeps = async () =>
    loadPipelineDeps({
      intelBundles,
      config: pipelineConfig,
      receivedAt: new Date().toISOString(),
      ...(schemas ? { storedIntel: (await loadIntelStateFromStore(database.db, schemas)).state } : {}),
    });
  const analysis = new LiveAnalysis(await pipelineDeps());
  await analysis.replay(database, logger);
  // New intel re-hunts history; rebuilds are chained so two imports never race.
  let rebuilding: Promise<void> = Promise.resolve();
  const onIntelStored = () => {
    rebuilding = rebuilding
      .then(async () => analysis.rebuild(await pipelineDeps(), database, logger))
      .catch((err: unknown) => logger.error({ err }, 'live pipeline rebuild after new intel failed; verdicts use the previous intel'));
    return rebuilding;
  };
  const feeds = schemas
    ? scheduleFeedSync({ db: database.db, schemas, now: Date.now }, 60_000, (r) => {
        if (!r.ok) logger.warn({ feed: r.feed, error: r.error }, 'partner feed sync failed');
        else if (r.added > 0) {
          logger.info({ feed: r.feed, added: r.added }, 'partner feed synced');
          void onIntelStored();
        }
      })
    : undefined;
  // Bans reach every gateway through this state's bus: in process when embedded, Redis pub/sub when scaled out.
  const enforcement = createGatewayState({ database, logger, now: Date.now, ...(config.redis.url ? { redisUrl: config.redis.url } : {}) });
  await enforcement.ready;
  const catalogue = loadActorCatalogue();
  // One hash-chained audit log per process; cases and the API record every decision and action to it.
  const audit = new AuditLog(database);
  await recordConfigApplied(audit, database, config, Date.now());
  // New events also refresh the gateway's cached account values (a payment method added a
  // moment ago counts on the account's next request).
  const onEventsCommitted = (events: Parameters<LiveAnalysis['add']>[0]) => {
    gateway?.observeEvents(events);
    return analysis.add(events);
  };
  // The gateway shares the store, the live pipeline and the blocklist; its events take the ingest path.
  const gateway = options.gateway
    ? await createGatewayRuntime({
        config,
        database,
        logger,
        state: enforcement,
        metrics: metrics.registry,
        onEventsCommitted,
        evasion: evasionScreenFrom(analysis),
        intel: intelMatchFrom(() => analysis.intelMatcher()),
      })
    : undefined;
  const app = await buildApp({
    config,
    database,
    logger,
    metrics,
    now: Date.now,
    analysis,
    onEventsCommitted,
    audit,
    cases: storeCaseLookup(database),
    enforcement: { blocklist: enforcement.blocklist, bus: enforcement.bus },
    ...(gateway ? { gateway: { reload: () => gateway.reload(), refreshKeys: () => gateway.keys.refresh() } } : {}),
    intel: { catalogue, ...(schemas ? { schemas } : {}), onStored: onIntelStored },
  });
  const cases = createCasesEngine({
    database,
    config: config.cases,
    now: Date.now,
    logger,
    analysis,
    catalogue,
    audit,
    warninglists: loadWarninglists(),
    enforcement: { blocklist: enforcement.blocklist, bus: enforcement.bus },
    onEventsCommitted,
  });
  cases.start();
  // Raw text of never-flagged accounts past WARDEN_PRIVACY_RETENTION_DAYS is purged daily.
  const retention = scheduleRetention({ database, config, analysis, cases: storeCaseLookup(database), audit, now: Date.now }, logger);
  return {
    config,
    database,
    logger,
    metrics,
    app,
    analysis,
    enforcement,
    cases,
    ...(gateway ? { gateway } : {}),
    async close() {
      feeds?.stop();
      retention.stop();
      await gateway?.close();
      await cases.stop();
      await app.close();
      await audit.flush();
      await enforcement.close();
      await database.close();
    },
  };
}

function stixSchemasOrNothing(logger: Logger): StixSchemaSet | undefined {
  try {
    return loadStixSchemas();
  } catch (err) {
    if (!isAppError(err, 'STIX_SCHEMAS_MISSING')) throw err;
    logger.warn({ reason: err.message }, 'STIX import, TAXII and stored intel disabled: STIX schemas not found');
    return undefined;
  }
}
