import {
  blockEntrySchema,
  Blocklist,
  LocalEnforcementBus,
  type BlockEntry,
  type BlocklistChange,
  type EnforcementBus,
} from '../../enforcement/index.js';
import type { Logger } from '../../observability/index.js';
import {
  listActiveBlockEntries,
  listBlockEntriesChangedAfter,
  type Database,
  type StoredBlockEntry,
} from '../../store/index.js';
import { LocalWindowCounters, type WindowCounters } from '../policy/index.js';
import { RedisEnforcementBus } from './redis-bus.js';
import { RedisWindowCounters } from './redis-counters.js';
import { ThrottledLog } from './throttled-log.js';

/** The enforcement state one gateway replica holds. */
export interface GatewayState {
  /** This replica's copy of the blocklist; answers on the request path without I/O. */
  blocklist: Blocklist;
  counters: WindowCounters;
  /** Publish bans and revocations here; every replica (this one first) applies them. */
  bus: EnforcementBus;
  /** Resolves once the blocklist is loaded from the store (Redis may still be connecting). */
  ready: Promise<void>;
  mode: 'embedded' | 'scale-out';
  /** Scale-out: calls `listener` with the lag (s) of each enforcement message from another replica. */
  observeBusLag(listener: (seconds: number) => void): void;
  /** Re-reads changes after the cursor now; resolves with how many were applied. */
  catchUp(): Promise<number>;
  /** Scale-out: pushes and pulls counters now (tests and shutdown); embedded: a no-op. */
  syncCounters(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayStateOptions {
  database: Pick<Database, 'db'>;
  /** `WARDEN_REDIS_URL`: set for scale-out mode. */
  redisUrl?: string;
  /** Embedded mode: the process's bus, shared with whoever writes bans (cases). */
  bus?: EnforcementBus;
  logger: Logger;
  now: () => number;
  /** Redis key and channel prefix (tests give each file its own). */
  keyPrefix?: string;
  /** How often a replica re-reads the store's changes as a safety net (default 5 s). */
  catchUpIntervalMs?: number;
  /** How often shared counters are pushed and pulled (default 10 ms). */
  counterSyncMs?: number;
  /** Replica id on the bus (default random). */
  origin?: string;
}

const catchUpPage = 5000;

/**
 * Builds the enforcement state of one gateway replica. Embedded mode: the blocklist is loaded
 * from the store and kept current by the process's in-memory bus, counters live in process.
 * Scale-out mode (`redisUrl`): changes arrive over Redis pub/sub and counters are shared through
 * Redis. In both modes the store's `changed_seq` cursor is re-read on every (re)subscription and
 * every `catchUpIntervalMs`, so a change whose message was lost is applied anyway, and expired
 * entries are pruned. When Redis or the store is unreachable, the replica keeps enforcing the
 * copy it has and says so in the log.
 */
export function createGatewayState(options: GatewayStateOptions): GatewayState {
  const { database, logger, now } = options;
  const blocklist = new Blocklist();
  // Ids revoked by a message that a catch-up page read earlier may still show as live: such a
  // stale row must not bring the entry back. Cleared once the store shows the revocation.
  const revokedByMessage = new Map<string, number>();
  let messages = 0;
  const badRows = new ThrottledLog(logger, 'warn', 'block entry in the store is invalid; skipped');
  const storeErrors = new ThrottledLog(
    logger,
    'error',
    'gateway state: store unreachable, enforcing the last copy',
  );
  let cursor = 0;
  let loaded = false;
  let closed = false;
  let catching: Promise<number> | undefined;
  let queued: Promise<number> | undefined;

  const onChange = (change: BlocklistChange): void => {
    if (change.op === 'revoke') revokedByMessage.set(change.id, messages++);
    blocklist.apply(change);
  };

  const applyRow = (row: StoredBlockEntry): void => {
    const entry = toBlockEntry(row);
    if (!entry) {
      badRows.note({ id: row.id, changedSeq: row.changedSeq });
      return;
    }
    if (entry.revokedAt !== null) {
      revokedByMessage.delete(entry.id);
      blocklist.apply({ op: 'revoke', id: entry.id, revokedAt: entry.revokedAt });
    } else if (!revokedByMessage.has(entry.id)) blocklist.apply({ op: 'upsert', entry });
  };

  const runCatchUp = async (): Promise<number> => {
    let applied = 0;
    const mark = messages;
    for (;;) {
      const rows = await listBlockEntriesChangedAfter(database.db, cursor, catchUpPage);
      for (const row of rows) {
        applyRow(row);
        cursor = Math.max(cursor, row.changedSeq);
      }
      applied += rows.length;
      if (rows.length < catchUpPage) break;
    }
    // Revocations announced before this run began were committed before it read the store, so
    // every row it read already shows them.
    for (const [id, n] of revokedByMessage) if (n < mark) revokedByMessage.delete(id);
    pruneExpired(blocklist, now());
    return applied;
  };

  const catchUp = (): Promise<number> => {
    if (closed || !loaded) return Promise.resolve(0);
    // One catch-up at a time. A request arriving meanwhile gets one more pass after the running
    // one, because the change it was triggered for may have landed after that pass read its
    // page; every caller meanwhile shares and awaits that next pass, so a resolved catchUp()
    // means the store was read after the call.
    if (catching) {
      queued ??= catching.then(() => {
        queued = undefined;
        return catchUp();
      });
      return queued;
    }
    catching = runCatchUp()
      .catch((err: Error) => {
        storeErrors.note({ err: err.message });
        return 0;
      })
      .finally(() => {
        catching = undefined;
      });
    return catching;
  };

  let bus: EnforcementBus;
  let counters: WindowCounters;
  let redisCounters: RedisWindowCounters | undefined;
  const ownsBus = options.redisUrl !== undefined || options.bus === undefined;
  if (options.redisUrl) {
    bus = new RedisEnforcementBus({
      redisUrl: options.redisUrl,
      logger,
      ...(options.keyPrefix !== undefined ? { keyPrefix: options.keyPrefix } : {}),
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
      onSubscribed: () => void catchUp(),
    });
    counters = redisCounters = new RedisWindowCounters({
      redisUrl: options.redisUrl,
      logger,
      now,
      ...(options.keyPrefix !== undefined ? { keyPrefix: options.keyPrefix } : {}),
      ...(options.counterSyncMs !== undefined ? { syncIntervalMs: options.counterSyncMs } : {}),
    });
  } else {
    bus = options.bus ?? new LocalEnforcementBus();
    counters = new LocalWindowCounters();
  }
  // Subscribed before loading, so nothing published during the load is missed; the catch-up
  // right after the load re-applies anything the load's snapshot predates.
  const unsubscribe = bus.subscribe(onChange);

  const ready = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await listActiveBlockEntries(database.db, now());
        for (const row of rows) {
          applyRow(row);
          cursor = Math.max(cursor, row.changedSeq);
        }
        break;
      } catch (err) {
        if (closed) return;
        storeErrors.note({ err: (err as Error).message, attempt });
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
    loaded = true;
    await catchUp();
    logger.info(
      { entries: blocklist.size, cursor, mode: options.redisUrl ? 'scale-out' : 'embedded' },
      'gateway state loaded',
    );
  })();

  const timer = setInterval(() => void catchUp(), options.catchUpIntervalMs ?? 5000);
  timer.unref();

  return {
    blocklist,
    counters,
    bus,
    ready,
    mode: options.redisUrl ? 'scale-out' : 'embedded',
    observeBusLag(listener) {
      if (bus instanceof RedisEnforcementBus) bus.onLag = (ms) => listener(ms / 1000);
    },
    catchUp,
    syncCounters: () => redisCounters?.sync() ?? Promise.resolve(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      unsubscribe();
      await Promise.allSettled([ready, catching]);
      await redisCounters?.close();
      if (ownsBus) await bus.close();
    },
  };
}

/** A stored row as a `BlockEntry`, or undefined when its kind or effect is not one Warden knows. */
function toBlockEntry(row: StoredBlockEntry): BlockEntry | undefined {
  const parsed = blockEntrySchema.safeParse({
    id: row.id,
    kind: row.kind,
    value: row.value,
    effect: row.effect,
    reason: row.reason,
    source: row.source,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    shadow: row.shadow,
  });
  return parsed.success ? parsed.data : undefined;
}

/** Drops entries that have expired: the blocklist ignores them already, this bounds its memory. */
function pruneExpired(blocklist: Blocklist, nowMs: number): void {
  const expired: string[] = [];
  for (const e of blocklist.entries()) if (e.expiresAt !== null && e.expiresAt <= nowMs) expired.push(e.id);
  for (const id of expired) blocklist.remove(id);
}
