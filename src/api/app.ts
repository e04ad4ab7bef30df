import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isAppError } from '../errors/index.js';
import { loadActorCatalogue, loadStixSchemas, type StixSchemaSet } from '../intel/index.js';
import { taxiiPlugin } from '../taxii/index.js';
import { installAccessControl } from './auth.js';
import type { AppDeps } from './deps.js';
import { registerOpenApi } from './openapi.js';
import { installErrorHandler } from './error-handler.js';
import { analysisRoutes } from './routes/analysis.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { oidcRoutes } from './routes/auth-oidc.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { intelRoutes } from './routes/intel.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { gatewayRoutes } from './routes/gateway.routes.js';
import { casesRoutes } from './routes/cases.routes.js';
import { actionsRoutes } from './routes/actions.routes.js';
import { blocklistRoutes } from './routes/blocklist.routes.js';
import { webhooksRoutes } from './routes/webhooks.routes.js';
import { consoleRoutes } from './routes/console.routes.js';
import { consoleStaticRoutes } from './routes/console-static.routes.js';
import { reportsRoutes } from './routes/reports.routes.js';

/** Every route plugin of the API, in one explicit list. */
const routePlugins = [healthRoutes, eventsRoutes, analysisRoutes, intelRoutes, casesRoutes, actionsRoutes, blocklistRoutes, webhooksRoutes, gatewayRoutes, consoleRoutes, sessionRoutes, oidcRoutes, usersRoutes, auditRoutes, reportsRoutes];

/** Builds the API without listening; the entry point calls `listen`, tests call `inject`. */
export async function buildApp(given: AppDeps): Promise<FastifyInstance> {
  const schemas = given.intel?.schemas ?? stixSchemasOrNothing(given);
  const deps: AppDeps = {
    ...given,
    intel: { ...given.intel, catalogue: given.intel?.catalogue ?? loadActorCatalogue(), ...(schemas ? { schemas } : {}) },
  };
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; they are the same object.
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    bodyLimit: deps.config.server.bodyLimitBytes,
    trustProxy: false,
    // Account ids may be 128 code points (events.md), up to 12 bytes each once percent-encoded;
    // Fastify's default of 100 characters would turn a valid id into a 404.
    maxParamLength: 2048,
  });
  installErrorHandler(app);
  // Access control, cookies, login throttling and the OpenAPI collector see every route registered after them.
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await registerOpenApi(app);
  installAccessControl(app, deps);
  app.addHook('onResponse', (req, reply, done) => {
    deps.metrics.httpDuration.observe(
      { route: req.routeOptions.url ?? 'unmatched', method: req.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  for (const plugin of routePlugins) await app.register(plugin(deps));
  if (schemas) {
    // TAXII 2.1 authenticates its partner principals itself (src/taxii/auth.ts); its routes declare that.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, permission: route.config?.permission ?? 'partner' };
      });
      await scope.register(taxiiPlugin, { prefix: '/taxii2', db: deps.database.db, schemas, now: deps.now });
    });
  }
  // Last: the console's catch-all answers only paths no API route claimed.
  await app.register(consoleStaticRoutes(deps));
  return app;
}

/**
 * TAXII validates every object it is sent against the OASIS STIX schemas. Without the schema
 * folder the rest of the API still serves, and the log says why `/taxii2/` is absent.
 */
function stixSchemasOrNothing(deps: AppDeps): StixSchemaSet | undefined {
  try {
    return loadStixSchemas();
  } catch (err) {
    if (!isAppError(err, 'STIX_SCHEMAS_MISSING')) throw err;
    deps.logger.warn({ reason: err.message }, 'TAXII server disabled: STIX schemas not found');
    return undefined;
  }
}
