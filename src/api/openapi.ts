import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifySwagger, { formatParamUrl } from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from './auth.js';

type Operation = Record<string, unknown> & { security?: Record<string, string[]>[] };
type Document = { paths?: Record<string, Partial<Record<string, Operation>>> };

/** The vendor extension naming the permission an operation needs (OpenAPI 3.0 §4.7.1 "Specification Extensions"). */
export const permissionExtension = 'x-warden-permission';

/**
 * Registers @fastify/swagger so the OpenAPI 3 document is generated from the route schemas, with
 * each operation's declared permission added as `x-warden-permission`, and serves it at
 * `GET /api/v1/openapi.json`. TAXII 2.1 routes are left out: they follow their own standard.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Read when the document is built: access control's own onRoute hook may fill a permission in after this one ran.
  const routes: { method: string | string[]; url: string; config?: { permission?: RouteAccess } }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  const accessMap = () => {
    const access = new Map<string, RouteAccess>();
    for (const route of routes) {
      const permission = route.config?.permission;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (permission !== undefined) for (const m of methods) access.set(`${m.toLowerCase()} ${formatParamUrl(route.url)}`, permission);
    }
    return access;
  };
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Warden API',
        version: '1',
        description: 'Find, investigate and shut out threat actors who abuse an AI service. Errors share one shape: `{ error: { code, message, details? } }` (docs/errors.md).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A Warden API key (`warden keys create`).' },
          session: { type: 'apiKey', in: 'cookie', name: '__Host-warden_session', description: 'A console session from POST /api/v1/session; unsafe methods also need `x-csrf-token`.' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const hide = route.config?.permission === 'partner';
      return { schema: hide ? { ...schema, hide: true } : schema, url };
    },
    transformObject: (documentObject) => {
      const access = accessMap();
      const doc = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Document;
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
          const op = item?.[method];
          const permission = access.get(`${method} ${path}`);
          if (op && permission !== undefined) {
            op[permissionExtension] = permission;
            if (permission === 'public') op.security = [];
            else op.security = [{ bearer: [] }, { session: [] }];
          }
        }
      }
      return doc;
    },
  });
  app.get(
    '/api/v1/openapi.json',
    { config: { permission: 'public' }, schema: { summary: 'This OpenAPI document', tags: ['meta'] } },
    () => app.swagger(),
  );
}

/**
 * The OpenAPI document of the whole API, built from a throwaway app over an empty embedded
 * database (the routes do not depend on data), for `npm run docs:reference`.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const [{ buildApp }, { loadConfig }, { createLogger, createMetrics }, { openDatabase }] = await Promise.all([
    import('./app.js'),
    import('../config/index.js'),
    import('../observability/index.js'),
    import('../store/index.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'warden-openapi-'));
  const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
  try {
    const app = await buildApp({ config: loadConfig({}), database, logger: createLogger('silent'), metrics: createMetrics(), now: () => 0 });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return `${JSON.stringify(doc, null, 2)}\n`;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
