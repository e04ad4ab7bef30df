import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/index.js';
import type { WardenConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import { createLogger, createMetrics, type Logger, type Metrics } from '../observability/index.js';
import { migrateUp, openDatabase, type Database } from '../store/index.js';
import { LiveAnalysis } from './live-analysis.js';
import { loadPipelineDeps } from './pipeline-deps.js';

/** The composition root's product: everything a running Warden holds, and how to stop it. */
export interface Runtime {
  config: Readonly<WardenConfig>;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  app: FastifyInstance;
  analysis: LiveAnalysis;
  close(): Promise<void>;
}

/**
 * Wires Warden together from configuration: database (migrated when `migrate` is true, as the
 * embedded default is), logger, metrics and the API. No module-level singletons: everything is
 * built here and passed down.
 */
export async function createRuntime(
  config: Readonly<WardenConfig>,
  options: { migrate?: boolean; logger?: Logger } = {},
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
  const analysis = new LiveAnalysis(loadPipelineDeps({ intelBundles, receivedAt: new Date().toISOString() }));
  await analysis.replay(database, logger);
  const app = await buildApp({
    config,
    database,
    logger,
    metrics,
    now: Date.now,
    analysis,
    onEventsCommitted: (events) => analysis.add(events),
  });
  return {
    config,
    database,
    logger,
    metrics,
    app,
    analysis,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
