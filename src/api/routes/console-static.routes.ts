import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/index.js';
import { packageRoot } from '../../util/package-root.js';
import type { AppDeps } from '../deps.js';

/** Paths the console never answers: the API, TAXII, operations. An unknown one stays a JSON 404. */
const reserved = ['/api/', '/api', '/taxii2', '/metrics', '/healthz', '/readyz', '/v1/'];

/**
 * Content-Security-Policy for the console (W3C CSP Level 3): scripts and data only from this
 * origin; inline style attributes are allowed because bar widths and graph panels set them.
 */
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The built console (`npm run build:web`), or undefined when it was not built. */
export function consoleDistDir(): string | undefined {
  const dir = join(packageRoot(), 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/**
 * Serves the investigation console at `/`: files of web/dist, and index.html for any other
 * non-API path (the console routes in the browser with the History API, so a reload of
 * `/cases/c_1` must get the app). Absent when the console is not built; the API is unaffected.
 */
export function consoleStaticRoutes(deps: AppDeps, root: string | null = consoleDistDir() ?? null) {
  return async (app: FastifyInstance): Promise<void> => {
    if (!root) {
      deps.logger.debug('console not built (web/dist missing): serving the API only');
      return;
    }
    const base = resolve(root);
    await app.register(fastifyStatic, { root: base, serve: false });
    app.get<{ Params: { '*': string } }>(
      '/*',
      { config: { permission: 'public' }, schema: { hide: true, summary: 'The investigation console (single-page app)', tags: ['console'] } },
      (req, reply) => {
        const path = (req.url.split('?')[0] ?? '/').replace(/\/+/g, '/');
        if (reserved.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
          throw new AppError('NOT_FOUND', `No route ${req.method} ${path}`);
        }
        void reply.header('content-security-policy', csp).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
        const file = fileUnder(base, req.params['*']);
        if (file) {
          const immutable = file.startsWith(`assets${sep}`) || file.startsWith('assets/');
          void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
          return reply.sendFile(file, { cacheControl: false });
        }
        void reply.header('cache-control', 'no-cache');
        return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
      },
    );
  };
}

/** A file inside `base` named by the request path, or undefined (traversal, directories, missing). */
function fileUnder(base: string, wildcard: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(wildcard);
  } catch {
    return undefined;
  }
  if (!rel || rel.includes('\0')) return undefined;
  const full = resolve(base, rel);
  if (!full.startsWith(base + sep)) return undefined;
  try {
    return statSync(full).isFile() ? full.slice(base.length + 1) : undefined;
  } catch {
    return undefined;
  }
}
