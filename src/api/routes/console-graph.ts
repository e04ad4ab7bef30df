import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import type { AnalyzeReport } from '../../pipeline/index.js';
import type { DB } from '../../store/index.js';
import { accountsActiveIn, accountsOfEntities, entityWithCount, valueUses, valuesOfAccount } from '../../store/repos/console-graph.repo.js';

type Link = AnalyzeReport['networks'][number]['links'][number];

/**
 * Link kinds (`links[].via`, batch contract) that are stored entities, and the entity type the
 * store's index keys them on. The others (email-pattern, prompt, topic) are derived by the
 * pipeline and have no index rows: for them, time is the accounts' own activity.
 */
const entityTypeOf: Record<string, string> = {
  device: 'device',
  payment: 'payment',
  email: 'email',
  'email-domain': 'email_domain',
  phone: 'phone',
  'api-key': 'api_key',
  org: 'org',
  'end-user': 'end_user',
  ip: 'ip',
  'ip-prefix': 'ip_prefix',
  'user-agent': 'user_agent',
};
const viaOf: Record<string, string> = Object.fromEntries(Object.entries(entityTypeOf).map(([k, v]) => [v, k]));

const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an RFC 3339 time');

/** `from`/`to` of a time window, both optional; `from` after `to` is refused. */
export const windowQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional() })
  .refine((w) => !w.from || !w.to || Date.parse(w.from) <= Date.parse(w.to), { message: 'from must not be after to', path: ['from'] });

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export function windowOf(q: { from?: string | undefined; to?: string | undefined }): TimeWindow | undefined {
  if (!q.from && !q.to) return undefined;
  return { fromMs: q.from ? Date.parse(q.from) : Number.MIN_SAFE_INTEGER, toMs: q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER };
}

const overlaps = (u: { firstSeen: number; lastSeen: number }, w: TimeWindow) => u.firstSeen <= w.toMs && u.lastSeen >= w.fromMs;

/**
 * The links of a network that were live in a window: both accounts used the value within it
 * (their first and last use of it, from the entity index, overlap the window), or, for kinds the
 * store does not index, both accounts were active in it. Server-side, so a month of a large
 * network never reaches the browser to be thrown away there.
 */
export async function linksInWindow(db: Kysely<DB>, links: readonly Link[], accounts: readonly string[], w: TimeWindow): Promise<Link[]> {
  const indexed = links.filter((l) => entityTypeOf[l.via] !== undefined);
  const uses = await valueUses(
    db,
    indexed.map((l) => ({ type: entityTypeOf[l.via]!, value: l.value })),
    accounts,
  );
  const live = new Set(uses.filter((u) => overlaps(u, w)).map((u) => `${u.type}\u0000${u.value}\u0000${u.account}`));
  const needActivity = links.some((l) => entityTypeOf[l.via] === undefined);
  const active = needActivity ? await accountsActiveIn(db, accounts, w.fromMs, w.toMs) : new Set<string>();
  return links.filter((l) => {
    const type = entityTypeOf[l.via];
    if (type === undefined) return active.has(l.a) && active.has(l.b);
    return live.has(`${type}\u0000${l.value}\u0000${l.a}`) && live.has(`${type}\u0000${l.value}\u0000${l.b}`);
  });
}

export const neighboursQuery = z
  .object({
    account: z.string().min(1).max(128).optional(),
    via: z.string().min(1).max(40).optional(),
    value: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .refine((q) => (q.account !== undefined) !== (q.via !== undefined || q.value !== undefined), { message: 'give either account, or via and value' })
  .refine((q) => (q.via === undefined) === (q.value === undefined), { message: 'via and value go together', path: ['value'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });

export interface Neighbours {
  /** One edge of the bipartite graph each: an account used a value. */
  incidences: { via: string; value: string; account: string }[];
  verdicts: { account: string; verdict: string; score: number }[];
  /** Values shared by more accounts than `limit`: drawn, not expanded (expand them one at a time). */
  hubs: { via: string; value: string; accounts: number }[];
  truncated: boolean;
}

// An account's values beyond this many (most recent first) are left out; an account rotating
// through thousands of IPs would otherwise expand into an unreadable star.
const MAX_VALUES = 60;

/**
 * The neighbours of one node of the graph, for "expand from a node": of an account, the values
 * it used and the other accounts using each (hubs are named, not expanded); of a value, the
 * accounts that used it. Bounded by `limit` accounts per value and {@link MAX_VALUES} values.
 */
export async function neighbours(db: Kysely<DB>, report: AnalyzeReport, q: z.infer<typeof neighboursQuery>): Promise<Neighbours> {
  const w = windowOf(q);
  const incidences: Neighbours['incidences'] = [];
  const hubs: Neighbours['hubs'] = [];
  let truncated = false;
  if (q.account !== undefined) {
    const values = (await valuesOfAccount(db, q.account, MAX_VALUES + 1)).filter((v) => viaOf[v.type] !== undefined && (!w || overlaps(v, w)));
    if (values.length > MAX_VALUES) truncated = true;
    const kept = values.slice(0, MAX_VALUES);
    const expandable = kept.filter((v) => v.accounts <= q.limit);
    const others = await accountsOfEntities(
      db,
      expandable.filter((v) => v.accounts > 1).map((v) => v.entityId),
      q.limit,
    );
    for (const v of kept) {
      const via = viaOf[v.type]!;
      incidences.push({ via, value: v.value, account: q.account });
      if (v.accounts > q.limit) hubs.push({ via, value: v.value, accounts: v.accounts });
      for (const u of others.get(v.entityId) ?? []) if (u.account !== q.account && (!w || overlaps(u, w))) incidences.push({ via, value: v.value, account: u.account });
    }
  } else {
    const type = entityTypeOf[q.via!];
    if (type === undefined) throw new AppError('VALIDATION_FAILED', `Values linked by ${q.via} are derived by the pipeline and not indexed; expand one of their accounts instead.`, { expose: true });
    const e = await entityWithCount(db, type, q.value!);
    if (e) {
      const uses = (await accountsOfEntities(db, [e.id], q.limit)).get(e.id) ?? [];
      truncated = e.accounts > q.limit;
      if (truncated) hubs.push({ via: q.via!, value: q.value!, accounts: e.accounts });
      for (const u of uses) if (!w || overlaps(u, w)) incidences.push({ via: q.via!, value: q.value!, account: u.account });
    }
  }
  const named = new Set(incidences.map((i) => i.account));
  const verdicts = report.accounts.filter((a) => named.has(a.account)).map((a) => ({ account: a.account, verdict: a.verdict, score: a.score }));
  return { incidences, verdicts, hubs, truncated };
}
