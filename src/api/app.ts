import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppDeps } from './deps.js';
import { installErrorHandler } from './error-handler.js';
import { analysisRoutes } from './routes/analysis.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { healthRoutes } from './routes/health.routes.js';

/** Every route plugin of the API, in one explicit list. */
const routePlugins = [healthRoutes, eventsRoutes, analysisRoutes];

/** Builds the API without listening; the entry point calls `listen`, tests call `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; they are the same object.
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    bodyLimit: deps.config.server.bodyLimitBytes,
    trustProxy: false,
  });
  installErrorHandler(app);
  app.addHook('onResponse', (req, reply, done) => {
    deps.metrics.httpDuration.observe(
      { route: req.routeOptions.url ?? 'unmatched', method: req.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  for (const plugin of routePlugins) await app.register(plugin(deps));
  return app;
}
