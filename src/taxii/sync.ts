import type { Kysely } from 'kysely';
import { formatIssue, validateStixObject, type StixSchemaSet } from '../intel/index.js';
import type { DB } from '../store/index.js';
import { listIntelFeeds, recordFeedSync, type IntelFeed } from '../store/repos/intel-feeds.repo.js';
import { insertIntelObjects } from '../store/repos/intel-objects.repo.js';
import { ensureCollection } from '../store/repos/intel-partners.repo.js';
import { intelDb } from '../store/repos/intel-tables.js';
import { pollCollection, type TaxiiClientOptions } from './client.js';
import { stixVersion } from './version.js';

export interface SyncDeps {
  db: Kysely<DB>;
  schemas: StixSchemaSet;
  now: () => number;
  fetch?: typeof fetch;
  client?: Partial<TaxiiClientOptions>;
}

export type SyncResult =
  | { ok: true; feed: string; objects: number; added: number; pages: number; addedAfter: string | null }
  | { ok: false; feed: string; error: string };

/**
 * Polls one partner feed from its cursor and stores what arrived in the feed's Warden
 * collection, with `taxii:<feed>` provenance on every object. A poll's objects are applied as
 * a whole or not at all; on failure the cursor stays, so the next sync retries the same range.
 */
export async function syncFeed(deps: SyncDeps, feed: IntelFeed): Promise<SyncResult> {
  const db = intelDb(deps.db);
  const at = deps.now();
  try {
    const poll = await pollCollection(
      {
        ...deps.client,
        collectionUrl: feed.collectionUrl,
        username: feed.username,
        secret: feed.secret,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      },
      feed.addedAfter,
    );
    const issues = poll.objects
      .flatMap((o, i) => validateStixObject(o, i, deps.schemas))
      .filter((i) => i.severity !== 'warning');
    if (issues.length > 0)
      throw new Error(`${issues.length} invalid objects, first: ${formatIssue(issues[0] as never)}`);
    await ensureCollection(db, feed.targetCollection, at);
    const added = await db.transaction().execute((trx) =>
      insertIntelObjects(
        trx,
        feed.targetCollection,
        poll.objects.map((o) => ({
          stixId: String(o.id),
          type: String(o.type),
          version: stixVersion(o, at),
          specVersion: typeof o.spec_version === 'string' ? o.spec_version : '2.1',
          source: `taxii:${feed.name}`,
          object: o,
        })),
        at,
      ),
    );
    await recordFeedSync(db, feed.id, at, { addedAfter: poll.addedAfter, error: null });
    return {
      ok: true,
      feed: feed.name,
      objects: poll.objects.length,
      added,
      pages: poll.pages,
      addedAfter: poll.addedAfter,
    };
  } catch (err) {
    const error = (err as Error).message;
    await recordFeedSync(db, feed.id, at, { error });
    return { ok: false, feed: feed.name, error };
  }
}

/** Syncs every feed whose interval has passed since its last sync (all of them with `force`). */
export async function syncDueFeeds(deps: SyncDeps, force = false): Promise<SyncResult[]> {
  const out: SyncResult[] = [];
  const now = deps.now();
  for (const feed of await listIntelFeeds(intelDb(deps.db))) {
    if (!force && feed.lastSyncAt !== null && now - feed.lastSyncAt < feed.intervalSeconds * 1000) continue;
    out.push(await syncFeed(deps, feed));
  }
  return out;
}

/**
 * Polls due feeds on a schedule (every `tickMs`, default one minute); the server starts it and
 * stops it on shutdown. Syncs never overlap.
 */
export function scheduleFeedSync(
  deps: SyncDeps,
  tickMs = 60_000,
  onResult?: (r: SyncResult) => void,
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    syncDueFeeds(deps)
      .then((results) => results.forEach((r) => onResult?.(r)))
      .catch(() => undefined)
      .finally(() => (running = false));
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
