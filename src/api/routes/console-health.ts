import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../store/index.js';
import type { BlockEntriesTable } from '../../store/repos/block-entries.repo.js';
import { recentGatewayRequests } from '../../store/repos/console-graph.repo.js';

/** How many of the newest stored events the panel reads at most: a bounded read, whatever the store holds. */
export const HEALTH_SCAN = 100_000;
const HOUR_MS = 3_600_000;

export const gatewayHealthSchema = z.object({
  windowStart: z.string(),
  scanned: z.number(),
  /** True when events older than the scanned ones are still inside the hour: counts are a lower bound. */
  partial: z.boolean(),
  requests: z.number(),
  replicas: z.array(z.object({ id: z.string(), requests: z.number(), lastSeen: z.string() })),
  decisions: z.array(z.object({ key: z.string(), value: z.number() })),
  enforced: z.array(z.object({ key: z.string(), value: z.number() })),
  failModes: z.number(),
  degraded: z.number(),
  latencyMs: z.object({ p50: z.number(), p95: z.number() }).nullable(),
  lastRequestAt: z.string().nullable(),
  blocklist: z.object({ active: z.number(), inThisProcess: z.number().nullable() }),
  lastBan: z
    .object({
      id: z.string(),
      kind: z.string(),
      createdAt: z.string(),
      inThisProcess: z.boolean().nullable(),
      /** The first gateway refusal in the hour that cited this entry, and how long after the ban it came. */
      firstRefusalAt: z.string().nullable(),
      firstRefusalAfterMs: z.number().nullable(),
    })
    .nullable(),
});
export type GatewayHealth = z.infer<typeof gatewayHealthSchema>;

interface GatewayExt {
  decision?: string;
  enforced?: string;
  fail_mode?: string;
  degraded?: unknown;
  latency_ms?: number;
  block_entries?: string[];
}

const countList = (m: Map<string, number>) => [...m].map(([key, value]) => ({ key, value })).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * The gateway as the store sees it over the last hour: every request a gateway replica served
 * becomes an event (`x_warden_gateway`, id `gw-<boot>-<n>`, one boot id per replica process), so
 * replicas, decisions and what was enforced are counted from those; bans from block entries.
 * Queue depth and spill live in each gateway process (its metrics), not in the store.
 */
export async function gatewayHealth(
  db: Kysely<DB>,
  nowMs: number,
  blocklist: { size: number; get(id: string): unknown } | undefined,
): Promise<GatewayHealth> {
  const since = nowMs - HOUR_MS;
  const { rows, scanned, complete } = await recentGatewayRequests(db, since, HEALTH_SCAN);
  const replicas = new Map<string, { requests: number; last: number }>();
  const decisions = new Map<string, number>();
  const enforced = new Map<string, number>();
  const latencies: number[] = [];
  const refusals = new Map<string, number>();
  let failModes = 0;
  let degraded = 0;
  let last = 0;
  for (const r of rows) {
    let ext: GatewayExt | undefined;
    try {
      ext = (JSON.parse(r.raw) as { x_warden_gateway?: GatewayExt }).x_warden_gateway;
    } catch {
      continue;
    }
    if (!ext || typeof ext !== 'object') continue;
    const boot = /^gw-([0-9a-f]+)-/.exec(r.id)?.[1] ?? 'unknown';
    const rep = replicas.get(boot) ?? { requests: 0, last: 0 };
    rep.requests++;
    rep.last = Math.max(rep.last, r.timeMs);
    replicas.set(boot, rep);
    last = Math.max(last, r.timeMs);
    const d = typeof ext.decision === 'string' ? ext.decision : 'unknown';
    decisions.set(d, (decisions.get(d) ?? 0) + 1);
    const e = typeof ext.enforced === 'string' ? ext.enforced : 'unknown';
    enforced.set(e, (enforced.get(e) ?? 0) + 1);
    if (ext.fail_mode) failModes++;
    if (ext.degraded) degraded++;
    if (typeof ext.latency_ms === 'number' && Number.isFinite(ext.latency_ms)) latencies.push(ext.latency_ms);
    if (Array.isArray(ext.block_entries))
      for (const id of ext.block_entries) if (typeof id === 'string') refusals.set(id, Math.min(refusals.get(id) ?? Infinity, r.timeMs));
  }
  latencies.sort((a, b) => a - b);
  const bdb = db as unknown as Kysely<DB & BlockEntriesTable>;
  const newest = await bdb.selectFrom('block_entries').select(['id', 'kind', 'created_at']).where('shadow', '=', 0).orderBy('changed_seq', 'desc').where('revoked_at', 'is', null).limit(1).executeTakeFirst();
  const active = await bdb
    .selectFrom('block_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowMs)]))
    .executeTakeFirst();
  const firstRefusal = newest ? refusals.get(newest.id) : undefined;
  return {
    windowStart: new Date(since).toISOString(),
    scanned,
    partial: !complete,
    requests: [...replicas.values()].reduce((n, r) => n + r.requests, 0),
    replicas: [...replicas]
      .map(([id, r]) => ({ id, requests: r.requests, lastSeen: new Date(r.last).toISOString() }))
      .sort((a, b) => b.requests - a.requests || a.id.localeCompare(b.id)),
    decisions: countList(decisions),
    enforced: countList(enforced),
    failModes,
    degraded,
    latencyMs: latencies.length ? { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) } : null,
    lastRequestAt: last ? new Date(last).toISOString() : null,
    blocklist: { active: Number(active?.n ?? 0), inThisProcess: blocklist ? blocklist.size : null },
    lastBan: newest
      ? {
          id: newest.id,
          kind: newest.kind,
          createdAt: new Date(Number(newest.created_at)).toISOString(),
          inThisProcess: blocklist ? blocklist.get(newest.id) !== undefined : null,
          firstRefusalAt: firstRefusal !== undefined ? new Date(firstRefusal).toISOString() : null,
          firstRefusalAfterMs: firstRefusal !== undefined ? Math.max(0, firstRefusal - Number(newest.created_at)) : null,
        }
      : null,
  };
}
