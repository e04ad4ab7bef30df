import { sql } from 'kysely';
import type { BlockProbe } from '../enforcement/index.js';
import { evasionScreeningKinds } from '../pipeline/index.js';
import type { Logger } from '../observability/index.js';
import { findEntitiesOfAccount, type Database } from '../store/index.js';
import { probesOfEntities } from './account-values.js';
import { MAX_ACCOUNT_VALUES, type EvasionScreen } from './policy/index.js';

/** Kinds whose sharing with an actioned account is evasion: the pipeline's own set. */
const screeningKinds: ReadonlySet<string> = evasionScreeningKinds;
/** A value more accounts than this use is a hub (an office device, a shared card): never evidence, as in linkage. */
const hubAccounts = 50;

/** The banned-entity index a replica screens with, and how to keep it current. */
export interface StoreEvasion {
  screen: EvasionScreen;
  refresh(): Promise<boolean>;
  /** Values in the index. */
  readonly size: number;
  close(): void;
}

interface Actioned {
  account: string;
  sinceMs: number;
}

/**
 * A `warden gateway` replica's ban-evasion screening, without a live pipeline: the accounts the
 * provider terminated or suspended (`account.enforced` events in the store, a later `reinstate`
 * undoing it, as the pipeline reads them), and every device, card, mailbox, phone, key and end
 * user those accounts used (the entity index), values used by more than 50 accounts left out as
 * hubs. A request whose account's known values include one of them, of another account actioned
 * before the request, is screened as evading — on the account's first request, as `warden serve`
 * does. One cheap query every `refreshMs` (count and highest sequence of such events) tells
 * whether to rebuild.
 */
export async function storeEvasion(deps: {
  database: Pick<Database, 'db'>;
  logger: Logger;
  refreshMs: number;
}): Promise<StoreEvasion> {
  const db = deps.database.db;
  let index = new Map<string, Actioned>();
  let seen = '';
  let running: Promise<boolean> | undefined;

  const load = async (): Promise<boolean> => {
    const sig = await sql<{ n: number | string; m: number | string | null }>`
      select count(*) as n, max(seq) as m from events where kind = 'account.enforced'`.execute(db);
    const signature = `${sig.rows[0]?.n ?? 0}/${sig.rows[0]?.m ?? 0}`;
    if (signature === seen) return false;
    const rows = await db
      .selectFrom('events')
      .select(['account', 'time_ms', 'raw'])
      .where('kind', '=', 'account.enforced')
      .execute();
    // The action in force per account, by event time: terminate or suspend, undone by reinstate.
    const byAccount = new Map<string, { action: string; timeMs: number }[]>();
    for (const r of rows) {
      let action: unknown;
      try {
        action = (JSON.parse(r.raw) as { enforcement?: { action?: unknown } }).enforcement?.action;
      } catch {
        continue;
      }
      if (typeof action !== 'string') continue;
      const list = byAccount.get(r.account) ?? [];
      list.push({ action, timeMs: Number(r.time_ms) });
      byAccount.set(r.account, list);
    }
    const next = new Map<string, Actioned>();
    for (const [account, list] of byAccount) {
      let since: number | undefined;
      for (const e of list.sort((a, b) => a.timeMs - b.timeMs)) {
        if (e.action === 'terminate' || e.action === 'suspend') since ??= e.timeMs;
        else if (e.action === 'reinstate') since = undefined;
      }
      if (since === undefined) continue;
      const entities = await findEntitiesOfAccount(db, account);
      for (const p of probesOfEntities(entities, MAX_ACCOUNT_VALUES)) {
        if (!screeningKinds.has(p.kind)) continue;
        const key = `${p.kind}\u0000${p.value}`;
        const held = next.get(key);
        if (!held || held.sinceMs > since) next.set(key, { account, sinceMs: since });
      }
    }
    await dropHubs(next);
    index = next;
    seen = signature;
    deps.logger.info({ accounts: byAccount.size, values: index.size }, 'gateway: banned-entity index loaded');
    return true;
  };

  /** Values shared by more than `hubAccounts` accounts are evidence of nothing. */
  const dropHubs = async (m: Map<string, Actioned>): Promise<void> => {
    if (m.size === 0) return;
    const hubs = await sql<{ type: string; value: string }>`
      select e.type as type, e.value as value from entities e
      join entity_accounts ea on ea.entity_id = e.id
      group by e.id, e.type, e.value having count(*) > ${hubAccounts}`.execute(db);
    for (const h of hubs.rows)
      for (const p of probesOfEntities([{ type: h.type, value: h.value }], 1))
        m.delete(`${p.kind}\u0000${p.value}`);
  };

  const refresh = (): Promise<boolean> => {
    running ??= load().finally(() => (running = undefined));
    return running;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err: unknown) =>
      deps.logger.warn(
        { err },
        'gateway: banned-entity index could not be re-read; screening with the last copy',
      ),
    );
  }, deps.refreshMs);
  timer.unref();

  const screen: EvasionScreen = {
    screen(account: string, values: readonly BlockProbe[], nowMs: number) {
      for (const v of values) {
        const hit = index.get(`${v.kind}\u0000${v.value}`);
        if (!hit || hit.account === account || hit.sinceMs > nowMs) continue;
        return { actionedAccount: hit.account, via: v.kind, value: v.value };
      }
      return undefined;
    },
  };
  return {
    screen,
    refresh,
    get size() {
      return index.size;
    },
    close: () => clearInterval(timer),
  };
}
