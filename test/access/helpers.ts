import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { roles, type Role } from '../../src/api/permissions.js';
import { AuditLog } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger, createMetrics } from '../../src/observability/index.js';
import type { CaseLookup } from '../../src/privacy/index.js';
import { createApiKey, type Dialect } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';

export interface AccessApp {
  app: FastifyInstance;
  database: TestDatabase;
  audit: AuditLog;
  /** A live API key per role. */
  keys: Record<Role, string>;
  close(): Promise<void>;
}

/** The whole API over a fresh database, with a real audit log and one key per role. */
export async function createAccessApp(
  dialect: Dialect,
  options: { env?: Record<string, string>; cases?: (database: TestDatabase) => CaseLookup; now?: () => number } = {},
): Promise<AccessApp> {
  const database = await createTestDatabase(dialect);
  const audit = new AuditLog(database);
  const app = await buildApp({
    config: loadConfig({ WARDEN_AUTH_COOKIE_SECURE: 'false', ...options.env }),
    database,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    now: options.now ?? Date.now,
    audit,
    ...(options.cases ? { cases: options.cases(database) } : {}),
  });
  await app.ready();
  const keys = {} as Record<Role, string>;
  for (const role of roles) keys[role] = (await createApiKey(database.db, `test-${role}`, role, 1)).secret;
  return {
    app,
    database,
    audit,
    keys,
    async close() {
      await app.close();
      await audit.flush();
      await database.destroy();
    },
  };
}

/** A concrete path for a route pattern: `:param` and `*` become harmless values. */
export function concretePath(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, 'matrix-probe').replace(/\*/g, 'matrix-probe');
}
