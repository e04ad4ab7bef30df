import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import type { AnalyzeReport } from '../../pipeline/index.js';
import type { Kysely } from 'kysely';
import { auditDb, type ActionsTables } from '../../store/index.js';
import { casesDb } from '../../store/repos/cases.repo.js';
import { listIntelFeeds } from '../../store/repos/intel-feeds.repo.js';
import { intelCollectionCounts, searchIndicators } from '../../store/repos/console-graph.repo.js';
import { intelDb } from '../../store/repos/intel-tables.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { errorSchema, jsonSchema, parse, useZodValidation } from './cases.route-helpers.js';
import { linksInWindow, neighbours, neighboursQuery, windowOf, windowQuery } from './console-graph.js';
import { gatewayHealth, gatewayHealthSchema } from './console-health.js';

const page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
const networksQuery = page.extend({ q: z.string().trim().max(200).optional(), via: z.string().trim().max(40).optional() });
const idParams = z.object({ id: z.string().min(1).max(128) });
const accountParams = z.object({ account: z.string().min(1).max(128) });
const searchQuery = z.object({ q: z.string().trim().min(2).max(200), limit: z.coerce.number().int().min(1).max(50).default(10) });

const overviewSchema = z.object({
  generatedAt: z.string(),
  events: z.number(),
  flagged: z.object({ malicious: z.number(), suspicious: z.number() }),
  networks: z.object({ total: z.number(), attributed: z.number() }),
  ttps: z.array(z.object({ key: z.string(), value: z.number() })),
  actors: z.array(z.object({ key: z.string(), value: z.number() })),
  cases: z.record(z.string(), z.number()),
  actions: z.record(z.string(), z.number()),
  blocklist: z.number().nullable(),
  detections: z.array(z.object({ account: z.string(), verdict: z.string(), score: z.number(), network: z.string().nullable(), actor: z.string().nullable(), ttps: z.array(z.string()) })),
});
const networkRow = z.object({
  id: z.string(),
  size: z.number(),
  actor: z.object({ name: z.string(), level: z.string(), confidence: z.number() }).nullable(),
  maxScore: z.number(),
  via: z.array(z.string()),
  ttps: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
type ReportNetwork = AnalyzeReport['networks'][number];

function networkRowOf(n: ReportNetwork, scores: ReadonlyMap<string, number>) {
  return {
    id: n.id,
    size: n.accounts.length,
    actor: n.actor ? { name: n.actor.name, level: n.actor.level, confidence: n.actor.confidence } : null,
    maxScore: Math.max(0, ...n.accounts.map((a) => scores.get(a) ?? 0)),
    via: [...new Set(n.links.map((l) => l.via))],
    ttps: Object.entries(n.summary.ttps)
      .sort((a, b) => b[1] - a[1])
      .map(([t]) => t),
    firstSeen: n.summary.first_seen,
    lastSeen: n.summary.last_seen,
  };
}

function countBy<T>(items: Iterable<T>, key: (t: T) => string | string[] | null): { key: string; value: number }[] {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    for (const one of k === null ? [] : Array.isArray(k) ? k : [k]) m.set(one, (m.get(one) ?? 0) + 1);
  }
  return [...m].map(([k, value]) => ({ key: k, value })).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/**
 * Read routes the investigation console needs beyond the resource APIs: summaries computed on
 * the server (so the browser never downloads a 100k-account report to count it), networks and
 * accounts paged, an account's event timeline with prompts masked, reveal-with-reason (audited),
 * and one search across accounts, values, indicators and cases.
 */
export function consoleRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const tags = ['console'];
    const report = (): AnalyzeReport => {
      if (!deps.analysis) throw new AppError('NOT_FOUND', 'The live pipeline is not running in this process.');
      return deps.analysis.report(new Date(deps.now()).toISOString());
    };

    app.get(
      '/api/v1/console/overview',
      { preHandler: requirePermission(deps, 'analysis:read'), schema: { summary: 'Counts for the console overview', tags, response: { 200: jsonSchema(overviewSchema), '4xx': errorSchema } } },
      async () => {
        const r = report();
        const db = casesDb(deps.database.db);
        const [caseRows, actionRows] = await Promise.all([
          db.selectFrom('cases').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute(),
          actionStateCounts(deps),
        ]);
        const top = [...r.accounts].sort((a, b) => b.score - a.score).slice(0, 12);
        return {
          generatedAt: r.generated_at,
          events: r.events.accepted,
          flagged: { malicious: r.accounts.filter((a) => a.verdict === 'malicious').length, suspicious: r.accounts.filter((a) => a.verdict === 'suspicious').length },
          networks: { total: r.networks.length, attributed: r.networks.filter((n) => n.actor).length },
          ttps: countBy(r.accounts, (a) => a.ttps),
          actors: countBy(r.networks, (n) => n.actor?.name ?? null),
          cases: Object.fromEntries(caseRows.map((c) => [c.state, Number(c.n)])),
          actions: actionRows,
          blocklist: deps.enforcement ? deps.enforcement.blocklist.size : null,
          detections: top.map((a) => ({ account: a.account, verdict: a.verdict, score: a.score, network: a.network, actor: a.actor?.name ?? null, ttps: a.ttps })),
        };
      },
    );

    app.get(
      '/api/v1/console/networks',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: {
          summary: 'Networks, largest and most malicious first, paged; q filters by account, value or actor, via by link kind',
          tags,
          querystring: jsonSchema(networksQuery, 'input'),
          response: { 200: jsonSchema(z.object({ total: z.number(), networks: z.array(networkRow) })), '4xx': errorSchema },
        },
      },
      (req) => {
        const q = parse(networksQuery, req.query, 'query');
        const r = report();
        const scores = new Map(r.accounts.map((a) => [a.account, a.score]));
        const needle = q.q?.toLowerCase();
        const rows = r.networks
          .filter((n) => !q.via || n.links.some((l) => l.via === q.via))
          .filter(
            (n) =>
              !needle ||
              n.id.toLowerCase().includes(needle) ||
              (n.actor?.name.toLowerCase().includes(needle) ?? false) ||
              n.accounts.some((a) => a.toLowerCase().includes(needle)) ||
              n.links.some((l) => l.value.toLowerCase().includes(needle)),
          )
          .map((n) => networkRowOf(n, scores))
          .sort((a, b) => Number(b.actor !== null) - Number(a.actor !== null) || b.maxScore - a.maxScore || b.size - a.size || a.id.localeCompare(b.id));
        return { total: rows.length, networks: rows.slice(q.offset, q.offset + q.limit) };
      },
    );

    app.get(
      '/api/v1/console/networks/:id',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: {
          summary: 'A network: members with their verdicts and why each belongs, links (only those live between from and to, when given), summary, attribution, its cases',
          tags,
          params: jsonSchema(idParams, 'input'),
          querystring: jsonSchema(windowQuery, 'input'),
          response: { '4xx': errorSchema },
        },
      },
      async (req) => {
        const { id } = parse(idParams, req.params, 'path');
        const w = windowOf(parse(windowQuery, req.query, 'query'));
        const r = report();
        const n = r.networks.find((x) => x.id === id);
        if (!n) throw new AppError('NOT_FOUND', `No network ${id} in the live report; networks are renumbered when the pipeline re-runs, so search by account.`);
        const members = new Set(n.accounts);
        const verdicts = r.accounts.filter((a) => members.has(a.account)).map((a) => ({ account: a.account, verdict: a.verdict, score: a.score, ttps: a.ttps }));
        const cases = await casesDb(deps.database.db).selectFrom('cases').select(['id', 'case_key', 'title', 'state']).where('network_id', '=', id).orderBy('seq', 'desc').limit(20).execute();
        const links = w ? await linksInWindow(deps.database.db, n.links, n.accounts, w) : n.links;
        return {
          network: w ? { ...n, links } : n,
          verdicts,
          cases: cases.map((c) => ({ id: c.id, key: c.case_key, title: c.title, state: c.state })),
          window: w ? { from: new Date(Math.max(w.fromMs, -8.64e15)).toISOString(), to: new Date(Math.min(w.toMs, 8.64e15)).toISOString(), links: links.length, total: n.links.length } : null,
        };
      },
    );

    app.get(
      '/api/v1/console/neighbours',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: {
          summary: 'Expand from a node: the values an account used and the accounts sharing each, or the accounts that used a value (bounded; hubs named, not expanded)',
          tags,
          querystring: jsonSchema(neighboursQuery, 'input'),
          response: { '4xx': errorSchema },
        },
      },
      async (req) => neighbours(deps.database.db, report(), parse(neighboursQuery, req.query, 'query')),
    );

    app.get(
      '/api/v1/console/gateway',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: {
          summary: "Gateway health over the last hour, from the gateway's request events and the block entries: replicas, decisions, what was enforced, the last ban",
          tags,
          response: { 200: jsonSchema(gatewayHealthSchema), '4xx': errorSchema },
        },
      },
      async () => gatewayHealth(deps.database.db, deps.now(), deps.enforcement?.blocklist),
    );

    app.get(
      '/api/v1/console/accounts/:account',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: {
          summary: "An account: verdict and evidence, its network, the links through it and its cases (events: GET /api/v1/accounts/:account/events)",
          tags,
          params: jsonSchema(accountParams, 'input'),
          response: { '4xx': errorSchema },
        },
      },
      async (req) => {
        const { account } = parse(accountParams, req.params, 'path');
        const r = report();
        const verdict = r.accounts.find((a) => a.account === account) ?? null;
        const network = r.networks.find((n) => n.accounts.includes(account)) ?? null;
        const links = network ? network.links.filter((l) => l.a === account || l.b === account) : [];
        const cases = await casesDb(deps.database.db)
          .selectFrom('cases')
          .select(['id', 'case_key', 'title', 'state', 'accounts'])
          .where('accounts', 'like', `%${JSON.stringify(account)}%`)
          .orderBy('seq', 'desc')
          .limit(20)
          .execute();
        return {
          account,
          verdict,
          network: network ? { id: network.id, size: network.accounts.length, actor: network.actor?.name ?? null, why: network.members.find((m) => m.account === account)?.why ?? null } : null,
          links,
          cases: cases.filter((c) => (JSON.parse(c.accounts) as string[]).includes(account)).map((c) => ({ id: c.id, key: c.case_key, title: c.title, state: c.state })),
        };
      },
    );

    app.get(
      '/api/v1/console/cases/:id/audit',
      {
        preHandler: requirePermission(deps, 'audit:read'),
        schema: { summary: "A case's audit trail: records about the case, its actions and prompt reads on its accounts", tags, params: jsonSchema(idParams, 'input'), response: { '4xx': errorSchema } },
      },
      async (req) => {
        const { id } = parse(idParams, req.params, 'path');
        const c = await casesDb(deps.database.db).selectFrom('cases').select(['accounts']).where('id', '=', id).executeTakeFirst();
        if (!c) throw new AppError('NOT_FOUND', `No case ${id}.`);
        const actions = await (deps.database.db as unknown as Kysely<ActionsTables>).selectFrom('enforcement_actions').select('id').where('case_id', '=', id).execute();
        const accounts = (JSON.parse(c.accounts) as string[]).slice(0, 500);
        const rows = await auditDb(deps.database.db)
          .selectFrom('audit_log')
          .select(['seq', 'at', 'actor', 'action', 'target_type', 'target_id', 'reason'])
          .where((eb) =>
            eb.or([
              eb.and([eb('target_type', '=', 'case'), eb('target_id', '=', id)]),
              ...(actions.length ? [eb.and([eb('target_type', '=', 'action'), eb('target_id', 'in', actions.map((a) => a.id))])] : []),
              ...(accounts.length ? [eb.and([eb('action', '=', 'prompt.revealed'), eb('target_id', 'in', accounts)])] : []),
            ]),
          )
          .orderBy('seq', 'desc')
          .limit(200)
          .execute();
        return {
          entries: rows.map((r) => ({
            seq: Number(r.seq),
            at: new Date(Number(r.at)).toISOString(),
            actor: r.actor,
            action: r.action,
            target: r.target_type !== null && r.target_id !== null ? { type: r.target_type, id: r.target_id } : null,
            reason: r.reason,
          })),
        };
      },
    );

    app.get(
      '/api/v1/console/intel',
      {
        preHandler: requirePermission(deps, 'intel:read'),
        schema: {
          summary: 'Intel sources: TAXII feeds Warden polls (never their credentials) and stored collections with object counts',
          tags,
          response: {
            200: jsonSchema(
              z.object({
                feeds: z.array(z.object({ name: z.string(), collectionUrl: z.string(), targetCollection: z.string(), intervalSeconds: z.number(), lastSyncAt: z.string().nullable(), lastError: z.string().nullable() })),
                collections: z.array(z.object({ id: z.string(), objects: z.number(), indicators: z.number(), sources: z.array(z.string()) })),
              }),
            ),
            '4xx': errorSchema,
          },
        },
      },
      async () => {
        const feeds = await listIntelFeeds(intelDb(deps.database.db));
        // Counted in SQL: a million stored indicators are never loaded to be counted.
        const collections = await intelCollectionCounts(intelDb(deps.database.db));
        return {
          feeds: feeds.map((f) => ({
            name: f.name,
            // A URL may carry credentials in its userinfo (RFC 3986 §3.2.1); they never leave the server.
            collectionUrl: f.collectionUrl.replace(/\/\/[^/@]*@/, '//'),
            targetCollection: f.targetCollection,
            intervalSeconds: f.intervalSeconds,
            lastSyncAt: f.lastSyncAt === null ? null : new Date(f.lastSyncAt).toISOString(),
            lastError: f.lastError,
          })),
          collections,
        };
      },
    );

    app.get(
      '/api/v1/console/search',
      {
        preHandler: requirePermission(deps, 'analysis:read'),
        schema: { summary: 'Search accounts, linking values, networks, indicators and cases', tags, querystring: jsonSchema(searchQuery, 'input'), response: { '4xx': errorSchema } },
      },
      async (req) => {
        const q = parse(searchQuery, req.query, 'query');
        const needle = q.q.toLowerCase();
        const r = report();
        const accounts = r.accounts.filter((a) => a.account.toLowerCase().includes(needle)).slice(0, q.limit).map((a) => ({ account: a.account, verdict: a.verdict, score: a.score, network: a.network }));
        const values = new Map<string, { via: string; value: string; network: string }>();
        for (const n of r.networks)
          for (const l of n.links) if (values.size < q.limit && l.value.toLowerCase().includes(needle)) values.set(`${l.via}\u0000${l.value}`, { via: l.via, value: l.value, network: n.id });
        const networks = r.networks
          .filter((n) => n.id.toLowerCase().includes(needle) || (n.actor?.name.toLowerCase().includes(needle) ?? false))
          .slice(0, q.limit)
          .map((n) => ({ id: n.id, size: n.accounts.length, actor: n.actor?.name ?? null }));
        const indicators = (await searchIndicators(intelDb(deps.database.db), q.q, q.limit)).map((o) => {
          const obj = JSON.parse(o.body) as { id?: string; name?: string; pattern?: string };
          return { id: obj.id ?? o.stixId, name: obj.name ?? null, pattern: obj.pattern ?? '' };
        });
        // Parameterised; a % or _ typed by the analyst only widens the match.
        const like = `%${q.q}%`;
        const cases = await casesDb(deps.database.db)
          .selectFrom('cases')
          .select(['id', 'case_key', 'title', 'state'])
          .where((eb) => eb.or([eb('title', 'like', like), eb('case_key', 'like', like), eb('accounts', 'like', like)]))
          .orderBy('seq', 'desc')
          .limit(q.limit)
          .execute();
        return { accounts, values: [...values.values()], networks, indicators, cases: cases.map((c) => ({ id: c.id, key: c.case_key, title: c.title, state: c.state })) };
      },
    );
    return Promise.resolve();
  };
}

async function actionStateCounts(deps: AppDeps): Promise<Record<string, number>> {
  // The actions table is declared beside its repo (ActionsTables), not in the store's DB type.
  const rows = await (deps.database.db as unknown as Kysely<ActionsTables>)
    .selectFrom('enforcement_actions')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
