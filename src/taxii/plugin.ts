import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError, isAppError } from '../errors/index.js';
import { validateStixObject, type StixSchemaSet } from '../intel/index.js';
import type { DB } from '../store/index.js';
import {
  deleteIntelObject,
  insertIntelObjects,
  listIntelObjectVersions,
  queryIntelObjects,
  type ObjectQuery,
  type StoredIntelObject,
} from '../store/repos/intel-objects.repo.js';
import { findCollection, listCollections } from '../store/repos/intel-partners.repo.js';
import { findTaxiiStatus, saveTaxiiStatus, type TaxiiStatus } from '../store/repos/intel-status.repo.js';
import { intelDb } from '../store/repos/intel-tables.js';
import { authenticate, type ExtraAuthenticator, type TaxiiPrincipal } from './auth.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  acceptsTaxii,
  isTaxiiContentType,
  parseTaxiiTimestamp,
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
  taxiiTimestamp,
  type TaxiiError,
} from './media.js';
import { stixVersion } from './version.js';

export interface TaxiiPluginOptions {
  db: Kysely<DB>;
  schemas: StixSchemaSet;
  /** Wall clock for `date_added` and status timestamps (injected for tests). */
  now: () => number;
  title?: string;
  description?: string;
  contact?: string;
  /** The one API root's name: `/taxii2/<apiRoot>/`. */
  apiRoot?: string;
  /** Largest page a client may ask for, and the default page. */
  maxPageSize?: number;
  maxContentLength?: number;
  /** Extra authentication (Warden's admin keys, for example); partner keys are always read. */
  authenticateExtra?: ExtraAuthenticator;
}

const ERROR_STATUS: Partial<Record<string, number>> = {
  TAXII_BAD_REQUEST: 400,
  TAXII_UNAUTHORIZED: 401,
  TAXII_FORBIDDEN: 403,
  TAXII_NOT_FOUND: 404,
  TAXII_NOT_ACCEPTABLE: 406,
  TAXII_UNSUPPORTED_MEDIA_TYPE: 415,
};

function taxiiError(
  code:
    | 'TAXII_BAD_REQUEST'
    | 'TAXII_UNAUTHORIZED'
    | 'TAXII_FORBIDDEN'
    | 'TAXII_NOT_FOUND'
    | 'TAXII_NOT_ACCEPTABLE'
    | 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details ? { details } : {});
}

type Query = Record<string, string | string[] | undefined>;

/** TAXII 2.1 §3.6.1: 404 for an object the collection does not hold (or the caller cannot see). */
const noSuchObject = (p: { cid: string; oid: string }) =>
  taxiiError('TAXII_NOT_FOUND', `no object "${p.oid}" in collection "${p.cid}"`);

function list(q: Query, key: string): string[] | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * TAXII 2.1 server routes (OASIS TAXII 2.1 §4–§5) as a Fastify plugin, registered by the API
 * under `/taxii2/`: discovery, one API root, status, collections, objects (GET with
 * `added_after`, `match[id|type|version|spec_version]`, `limit`/`next`; POST with a status
 * resource; DELETE), object versions and manifests. Every response is
 * `application/taxii+json;version=2.1`; errors are TAXII error messages (§3.6.1).
 */
export async function taxiiPlugin(app: FastifyInstance, opts: TaxiiPluginOptions): Promise<void> {
  const db = intelDb(opts.db);
  const root = opts.apiRoot ?? 'warden';
  const maxPage = opts.maxPageSize ?? 1000;
  const maxContentLength = opts.maxContentLength ?? 32 * 1024 * 1024;

  app.addContentTypeParser(
    ['application/taxii+json', 'application/stix+json'],
    { parseAs: 'string', bodyLimit: maxContentLength },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        done(
          taxiiError('TAXII_BAD_REQUEST', `request body is not JSON: ${(err as Error).message}`),
          undefined,
        );
      }
    },
  );

  app.setErrorHandler((err, req, reply) => {
    const status = isAppError(err)
      ? (ERROR_STATUS[err.code] ?? err.status)
      : ((err as { statusCode?: number }).statusCode ?? 500);
    const body: TaxiiError = {
      title: status >= 500 ? 'Internal error' : (err as Error).message,
      http_status: String(status),
      ...(isAppError(err) ? { error_code: err.code } : {}),
      ...(isAppError(err) && err.details ? { details: err.details } : {}),
    };
    if (status >= 500) req.log.error({ err }, 'TAXII request failed');
    if (status === 401) void reply.header('WWW-Authenticate', 'Basic realm="Warden TAXII", charset="UTF-8"');
    void reply.code(status).header('content-type', TAXII_MEDIA_TYPE).send(JSON.stringify(body));
  });

  // §1.6.8: every request must accept TAXII 2.1; then every caller must be known (§1.6.9).
  app.addHook('onRequest', async (req) => {
    if (!acceptsTaxii(req.headers.accept)) {
      throw taxiiError('TAXII_NOT_ACCEPTABLE', `Accept must allow ${TAXII_MEDIA_TYPE}`, {
        accept: req.headers.accept,
      });
    }
    const principal = await authenticate(db, req, opts.authenticateExtra);
    if (!principal)
      throw taxiiError(
        'TAXII_UNAUTHORIZED',
        'credentials required: HTTP Basic (partner id and key) or a bearer token',
      );
    (req as FastifyRequest & { principal?: TaxiiPrincipal }).principal = principal;
  });

  const principalOf = (req: FastifyRequest): TaxiiPrincipal =>
    (req as FastifyRequest & { principal: TaxiiPrincipal }).principal;
  const send = (reply: FastifyReply, body: unknown, status = 200) =>
    reply.code(status).header('content-type', TAXII_MEDIA_TYPE).send(JSON.stringify(body));
  const checkRoot = (r: string) => {
    if (r !== root) throw taxiiError('TAXII_NOT_FOUND', `no API root "${r}"`);
  };

  async function collectionFor(req: FastifyRequest, id: string, need: 'read' | 'write') {
    const c = await findCollection(db, id);
    const p = principalOf(req);
    if (!c || (p.collections !== null && !p.collections.has(id)))
      throw taxiiError('TAXII_NOT_FOUND', `no collection "${id}"`);
    const rights = p.rights(id);
    if (need === 'read' && !rights.canRead)
      throw taxiiError('TAXII_FORBIDDEN', `no read access to collection "${id}"`);
    if (need === 'write' && !rights.canWrite)
      throw taxiiError('TAXII_FORBIDDEN', `no write access to collection "${id}"`);
    return c;
  }

  /**
   * Checks the API root and the caller's read right, then reads one page of a collection's
   * objects (TAXII 2.1 §3.4 paging; `query` adds the §3.5 filters a route applies).
   */
  async function readPage(req: FastifyRequest<{ Params: { root: string; cid: string }; Querystring: Query }>, query: Partial<ObjectQuery>) {
    checkRoot(req.params.root);
    await collectionFor(req, req.params.cid, 'read');
    const { addedAfter, limit, after } = pageParams(req.query);
    const rows = await queryIntelObjects(db, {
      collectionId: req.params.cid,
      ...(addedAfter !== undefined ? { addedAfter } : {}),
      ...(after ? { after } : {}),
      ...query,
      limit,
    });
    return { rows, limit, after, addedAfter };
  }

  function pageParams(q: Query) {
    let addedAfter: number | undefined;
    if (typeof q.added_after === 'string') {
      const t = parseTaxiiTimestamp(q.added_after);
      if (t === null)
        throw taxiiError('TAXII_BAD_REQUEST', `added_after is not a TAXII timestamp: ${q.added_after}`, {
          parameter: 'added_after',
        });
      addedAfter = t;
    }
    let limit = maxPage;
    if (q.limit !== undefined) {
      const n = Number(q.limit);
      if (!Number.isInteger(n) || n <= 0)
        throw taxiiError('TAXII_BAD_REQUEST', `limit must be a positive integer: ${String(q.limit)}`, {
          parameter: 'limit',
        });
      limit = Math.min(n, maxPage);
    }
    let after: { dateAdded: number; seq: number } | undefined;
    if (typeof q.next === 'string') {
      const c = decodeCursor(q.next);
      if (!c)
        throw taxiiError('TAXII_BAD_REQUEST', 'next is not a token this server issued', {
          parameter: 'next',
        });
      after = c;
    }
    return { addedAfter, limit, after };
  }

  function page(reply: FastifyReply, rows: StoredIntelObject[], limit: number) {
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const first = shown[0];
    const last = shown[shown.length - 1];
    if (first && last) {
      void reply.header('X-TAXII-Date-Added-First', taxiiTimestamp(first.dateAdded));
      void reply.header('X-TAXII-Date-Added-Last', taxiiTimestamp(last.dateAdded));
    }
    // §3.4: `more: true` always comes with `next`.
    return { shown, more, next: more && last ? encodeCursor(last.dateAdded, last.seq) : undefined };
  }

  app.get('/', async (req, reply) =>
    send(reply, {
      title: opts.title ?? 'Warden TAXII server',
      ...(opts.description ? { description: opts.description } : {}),
      ...(opts.contact ? { contact: opts.contact } : {}),
      default: `/taxii2/${root}/`,
      api_roots: [`/taxii2/${root}/`],
    }),
  );

  app.get<{ Params: { root: string } }>('/:root/', async (req, reply) => {
    checkRoot(req.params.root);
    return send(reply, {
      title: opts.title ?? 'Warden',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: maxContentLength,
    });
  });

  app.get<{ Params: { root: string; id: string } }>('/:root/status/:id/', async (req, reply) => {
    checkRoot(req.params.root);
    const s = await findTaxiiStatus(db, req.params.id);
    const p = principalOf(req);
    if (!s || (p.collections !== null && !p.collections.has(s.collectionId)))
      throw taxiiError('TAXII_NOT_FOUND', `no status "${req.params.id}"`);
    return send(reply, statusBody(s));
  });

  app.get<{ Params: { root: string } }>('/:root/collections/', async (req, reply) => {
    checkRoot(req.params.root);
    const p = principalOf(req);
    const all = await listCollections(db);
    const visible = all.filter((c) => p.collections === null || p.collections.has(c.id));
    return send(reply, visible.length === 0 ? {} : { collections: visible.map((c) => collectionBody(c, p)) });
  });

  app.get<{ Params: { root: string; cid: string } }>('/:root/collections/:cid/', async (req, reply) => {
    checkRoot(req.params.root);
    const c = await findCollection(db, req.params.cid);
    const p = principalOf(req);
    if (!c || (p.collections !== null && !p.collections.has(c.id)))
      throw taxiiError('TAXII_NOT_FOUND', `no collection "${req.params.cid}"`);
    return send(reply, collectionBody(c, p));
  });

  app.get<{ Params: { root: string; cid: string }; Querystring: Query }>(
    '/:root/collections/:cid/objects/',
    async (req, reply) => {
      const { rows, limit } = await readPage(req, filters(req.query));
      const { shown, more, next } = page(reply, rows, limit);
      return send(
        reply,
        shown.length === 0
          ? { more: false }
          : { more, ...(next ? { next } : {}), objects: shown.map((r) => r.object) },
      );
    },
  );

  app.post<{ Params: { root: string; cid: string }; Body: unknown }>(
    '/:root/collections/:cid/objects/',
    async (req, reply) => {
      checkRoot(req.params.root);
      if (!isTaxiiContentType(req.headers['content-type'])) {
        throw taxiiError('TAXII_UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${TAXII_MEDIA_TYPE}`, {
          contentType: req.headers['content-type'],
        });
      }
      await collectionFor(req, req.params.cid, 'write');
      const body = req.body as { objects?: unknown } | null;
      if (!body || typeof body !== 'object' || !Array.isArray(body.objects))
        throw taxiiError('TAXII_BAD_REQUEST', 'body must be a TAXII envelope with an "objects" array');
      const objects = body.objects as Record<string, unknown>[];
      const now = opts.now();
      const failures: TaxiiStatus['failures'] = [];
      const successes: TaxiiStatus['successes'] = [];
      objects.forEach((o, i) => {
        const issues = validateStixObject(o, i, opts.schemas).filter((x) => x.severity !== 'warning');
        if (issues.length > 0) {
          failures.push({
            id: typeof o?.id === 'string' ? o.id : `objects[${i}]`,
            message: issues.map((x) => `${x.field}: ${x.rule}`).join('; '),
          });
        }
      });
      if (failures.length === 0) {
        const source = `taxii:${principalOf(req).name}/${req.params.cid}`;
        // One transaction: the envelope is stored whole or not at all.
        await db.transaction().execute((trx) =>
          insertIntelObjects(
            trx,
            req.params.cid,
            objects.map((o) => ({
              stixId: String(o.id),
              type: String(o.type),
              version: stixVersion(o, now),
              specVersion: typeof o.spec_version === 'string' ? o.spec_version : '2.1',
              source,
              object: o,
            })),
            now,
          ),
        );
        for (const o of objects) successes.push({ id: String(o.id), version: stixVersion(o, now) });
      } else {
        // Warden applies an envelope as a whole or not at all: the valid objects are reported too.
        const failed = new Set(failures.map((f) => f.id));
        for (const o of objects) {
          if (!failed.has(String(o.id)))
            failures.push({
              id: String(o.id),
              message: 'not applied: another object of the envelope failed validation',
            });
        }
      }
      const status: TaxiiStatus = {
        id: randomUUID(),
        collectionId: req.params.cid,
        status: 'complete',
        requestTimestamp: taxiiTimestamp(now),
        totalCount: objects.length,
        successCount: successes.length,
        failureCount: failures.length,
        pendingCount: 0,
        successes,
        failures,
      };
      await saveTaxiiStatus(db, status);
      return send(reply, statusBody(status), 202);
    },
  );

  app.get<{ Params: { root: string; cid: string; oid: string }; Querystring: Query }>(
    '/:root/collections/:cid/objects/:oid/',
    async (req, reply) => {
      const { rows, limit, after, addedAfter } = await readPage(req, { ...filters(req.query), ids: [req.params.oid] });
      if (rows.length === 0 && !after && addedAfter === undefined) {
        const any = await listIntelObjectVersions(db, req.params.cid, req.params.oid);
        if (any.length === 0)
          throw noSuchObject(req.params);
      }
      const { shown, more, next } = page(reply, rows, limit);
      return send(
        reply,
        shown.length === 0
          ? { more: false }
          : { more, ...(next ? { next } : {}), objects: shown.map((r) => r.object) },
      );
    },
  );

  app.delete<{ Params: { root: string; cid: string; oid: string } }>(
    '/:root/collections/:cid/objects/:oid/',
    async (req, reply) => {
      checkRoot(req.params.root);
      await collectionFor(req, req.params.cid, 'write');
      const n = await deleteIntelObject(db, req.params.cid, req.params.oid);
      if (n === 0)
        throw noSuchObject(req.params);
      return send(reply, {});
    },
  );

  app.get<{ Params: { root: string; cid: string; oid: string }; Querystring: Query }>(
    '/:root/collections/:cid/objects/:oid/versions/',
    async (req, reply) => {
      const specVersions = list(req.query, 'match[spec_version]');
      const { rows, limit, after, addedAfter } = await readPage(req, { ids: [req.params.oid], versions: ['all'], ...(specVersions ? { specVersions } : {}) });
      if (rows.length === 0 && !after && addedAfter === undefined)
        throw noSuchObject(req.params);
      const { shown, more, next } = page(reply, rows, limit);
      return send(
        reply,
        shown.length === 0
          ? { more: false }
          : {
              more,
              ...(next ? { next } : {}),
              versions: shown.map((r) => r.version || taxiiTimestamp(r.dateAdded)),
            },
      );
    },
  );

  app.get<{ Params: { root: string; cid: string }; Querystring: Query }>(
    '/:root/collections/:cid/manifest/',
    async (req, reply) => {
      const { rows, limit } = await readPage(req, filters(req.query));
      const { shown, more, next } = page(reply, rows, limit);
      return send(
        reply,
        shown.length === 0
          ? { more: false }
          : {
              more,
              ...(next ? { next } : {}),
              objects: shown.map((r) => ({
                id: r.stixId,
                date_added: taxiiTimestamp(r.dateAdded),
                version: r.version || taxiiTimestamp(r.dateAdded),
                media_type: STIX_MEDIA_TYPE,
              })),
            },
      );
    },
  );

  await Promise.resolve();
}

function filters(q: Query) {
  const ids = list(q, 'match[id]');
  const types = list(q, 'match[type]');
  const versions = list(q, 'match[version]');
  const specVersions = list(q, 'match[spec_version]');
  return {
    ...(ids ? { ids } : {}),
    ...(types ? { types } : {}),
    ...(versions
      ? {
          versions: versions.map((v) =>
            v === 'last' || v === 'first' || v === 'all' ? v : normaliseVersion(v),
          ),
        }
      : {}),
    ...(specVersions ? { specVersions } : {}),
  };
}

function normaliseVersion(v: string): string {
  const ms = parseTaxiiTimestamp(v);
  if (ms === null)
    throw new AppError('TAXII_BAD_REQUEST', `match[version] must be last, first, all or a timestamp: ${v}`, {
      details: { parameter: 'match[version]' },
    });
  return new Date(ms).toISOString();
}

function collectionBody(c: { id: string; title: string; description: string | null }, p: TaxiiPrincipal) {
  const r = p.rights(c.id);
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    can_read: r.canRead,
    can_write: r.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}

function statusBody(s: TaxiiStatus) {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.totalCount,
    success_count: s.successCount,
    failure_count: s.failureCount,
    pending_count: s.pendingCount,
    ...(s.successes.length > 0 ? { successes: s.successes } : {}),
    ...(s.failures.length > 0 ? { failures: s.failures } : {}),
  };
}
