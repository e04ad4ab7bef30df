import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { migrationStatus } from '../../store/index.js';
import type { AppDeps } from '../deps.js';

/** Liveness, readiness and Prometheus metrics: unauthenticated, as orchestrators expect. */
export function healthRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    app.get('/healthz', { config: { permission: 'public' }, schema: { summary: 'Liveness', tags: ['health'] } }, () => ({ status: 'ok' }));

    app.get('/readyz', { config: { permission: 'public' }, schema: { summary: 'Readiness (database reachable, migrations applied)', tags: ['health'] } }, async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.database.db);
        const pending = (await migrationStatus(deps.database.db)).filter((m) => m.executedAt === null).map((m) => m.name);
        if (pending.length > 0) return reply.status(503).send({ status: 'not ready', reason: 'pending migrations: run `warden migrate up`', pending });
        return { status: 'ready', database: deps.database.dialect };
      } catch (err) {
        deps.logger.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'not ready', reason: 'database unreachable' });
      }
    });

    app.get('/metrics', { config: { permission: 'public' }, schema: { summary: 'Prometheus metrics', tags: ['health'] } }, async (_req, reply) => {
      void reply.header('content-type', deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
    return Promise.resolve();
  };
}
