import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { loadActorCatalogue, normaliseActorName, resolveActorName, type ActorCatalogue } from '../../intel/index.js';
import { storeBundle } from '../../intel-service/index.js';
import { listLatestIntelObjects } from '../../store/repos/intel-objects.repo.js';
import { intelDb } from '../../store/repos/intel-tables.js';
import type { AppDeps } from '../deps.js';

const page = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const actorQuery = page.extend({ q: z.string().max(200).optional(), country: z.string().length(2).optional() });
const bundleQuery = z.object({
  collection: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'letters, digits, dot, dash or underscore, 1–64' }).default('warden'),
  strict: z.enum(['true', 'false']).default('false'),
});

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || '$', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { details: { issues } });
}

/**
 * Threat-intelligence resources of Warden's API: the actor catalogue with alias resolution,
 * STIX 2.1 bundle import (all or nothing), stored indicators, and the live pipeline's indicator
 * matches with their evidence. TAXII 2.1 for partners lives under `/taxii2/`.
 */
export function intelRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    let catalogue: ActorCatalogue | undefined = deps.intel?.catalogue;
    const getCatalogue = () => (catalogue ??= loadActorCatalogue());
    // Bundles are validated whole by src/intel, which reads the raw text (and its size) itself.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      ['application/json', 'application/stix+json'],
      { parseAs: 'buffer', bodyLimit: deps.config.server.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );

    app.get('/api/v1/actors', { config: { permission: 'intel:read' }, schema: { summary: "Search tracked actors", tags: ['intel'] } }, (req) => {
      const q = parse(actorQuery, req.query, 'query');
      const needle = q.q ? normaliseActorName(q.q) : undefined;
      const found = getCatalogue().actors.filter(
        (a) =>
          (!q.country || a.country === q.country.toUpperCase()) &&
          (!needle || [a.name, ...a.aliases, a.mitre_id ?? ''].some((n) => normaliseActorName(n).includes(needle))),
      );
      return { total: found.length, actors: found.slice(q.offset, q.offset + q.limit) };
    });

    app.get<{ Params: { name: string } }>('/api/v1/actors/:name', { config: { permission: 'intel:read' }, schema: { summary: "Resolve an actor name or alias", tags: ['intel'] } }, (req) => {
      const r = resolveActorName(getCatalogue(), req.params.name);
      if (r.kind === 'match') return { kind: 'match', actor: r.actor, family: r.family };
      if (r.kind === 'ambiguous') return { kind: 'ambiguous', candidates: r.candidates, family: r.family };
      throw new AppError('NOT_FOUND', `No tracked actor is called "${req.params.name}"${r.family ? ` (the name reads as Microsoft's ${r.family.family} family)` : ''}.`, {
        details: { family: r.family },
      });
    });

    app.post('/api/v1/intel/bundles', { config: { permission: 'intel:write' }, schema: { summary: "Import a STIX 2.1 bundle (all or nothing)", tags: ['intel'] } }, async (req) => {
      const q = parse(bundleQuery, req.query, 'query');
      const schemas = deps.intel?.schemas;
      if (!schemas) throw new AppError('STIX_SCHEMAS_MISSING', 'STIX import is disabled: the OASIS STIX 2.1 schemas were not found at start-up.');
      if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the bundle as application/json or application/stix+json.');
      }
      const { result, stored } = await storeBundle(deps.database.db, req.body, {
        schemas,
        collection: q.collection,
        source: `api:${req.caller?.name ?? 'unknown'}`,
        now: deps.now(),
        strict: q.strict === 'true',
        maxBytes: deps.config.server.bodyLimitBytes,
      });
      if (!result.ok) {
        throw new AppError('STIX_VALIDATION_FAILED', `Bundle rejected with ${result.issueCount} issue(s); nothing from it was applied.`, {
          details: { issueCount: result.issueCount, issues: result.issues.slice(0, 100) },
        });
      }
      await deps.intel?.onStored?.();
      return { collection: q.collection, stored, summary: result.summary };
    });

    app.get('/api/v1/indicators', { config: { permission: 'intel:read' }, schema: { summary: "Stored indicators", tags: ['intel'] } }, async (req) => {
      const q = parse(page, req.query, 'query');
      const indicators = (await listLatestIntelObjects(intelDb(deps.database.db))).filter((o) => o.type === 'indicator');
      return {
        total: indicators.length,
        indicators: indicators.slice(q.offset, q.offset + q.limit).map((o) => ({ collection: o.collectionId, source: o.source, dateAdded: new Date(o.dateAdded).toISOString(), object: o.object })),
      };
    });

    app.get('/api/v1/matches', { config: { permission: 'analysis:read' }, schema: { summary: "The live pipeline's indicator matches", tags: ['intel'] } }, (req) => {
      const q = parse(page.extend({ account: z.string().max(128).optional() }), req.query, 'query');
      if (!deps.analysis) throw new AppError('NOT_FOUND', 'The live pipeline is not running in this process.');
      const matches = deps.analysis.matches(q.account);
      return { total: matches.length, matches: matches.slice(q.offset, q.offset + q.limit) };
    });

    return Promise.resolve();
  };
}
