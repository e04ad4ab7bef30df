import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger, createMetrics } from '../../src/observability/index.js';
import { createApiKey, type Dialect } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  key: string;
  close(): Promise<void>;
}

/** A real app over a real, fresh database of the given dialect, with one live API key. */
export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig(env);
  const app = await buildApp({ config, database, logger: createLogger('silent'), metrics: createMetrics(), now: () => 1_700_000_000_000 });
  const { secret } = await createApiKey(database.db, 'test', 'ingest', 1);
  return {
    app,
    database,
    key: secret,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
