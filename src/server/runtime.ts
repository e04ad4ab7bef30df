import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/index.js';
import type { WardenConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import { createLogger, createMetrics, type Logger, type Metrics } from '../observability/index.js';
import { migrateUp, openDatabase, type Database } from '../store/index.js';

/** The composition root's product: everything a running Warden holds, and how to stop it. */
export interface Runtime {
  config: Readonly<WardenConfig>;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  app: FastifyInstance;
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
  const app = await buildApp({ config, database, logger, metrics, now: Date.now });
  return {
    config,
    database,
    logger,
    metrics,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
