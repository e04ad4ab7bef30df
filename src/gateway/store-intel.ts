import { sql } from 'kysely';
import {
  compileMatcher,
  loadStixSchemas,
  loadWarninglists,
  type IntelMatcher,
  type StixSchemaSet,
} from '../intel/index.js';
import type { Logger } from '../observability/index.js';
import type { Database } from '../store/index.js';
import { loadIntelStateFromStore } from '../taxii/index.js';
import { intelMatchFrom } from './pipeline-ports.js';
import type { IntelMatchPort } from './policy/index.js';

/** Intel a gateway without a live pipeline reads from the store itself, and keeps current. */
export interface StoreIntel {
  port: IntelMatchPort;
  /** Re-reads and recompiles when the store's intel changed since the last read; true when it did. */
  refresh(): Promise<boolean>;
  /** Indicators and other objects in the compiled state (0 before the first load). */
  readonly objects: number;
  close(): void;
}

/**
 * A `warden gateway` replica's intel: the stored STIX objects (`warden intel import`, TAXII
 * pushes and partner feeds, written by any Warden on the same database) compiled into the same
 * matcher the live pipeline uses, with the shipped warninglists. Every `refreshMs` one cheap
 * query (row count and highest sequence of `intel_objects`) tells whether anything was added or
 * deleted; only then is the whole state re-read and recompiled, and the new matcher swapped in
 * for the next request. Without the STIX schemas (they validate what is loaded) there is no
 * stored intel to read: undefined, and the caller runs without intel, as before.
 */
export async function storeIntel(deps: {
  database: Pick<Database, 'db'>;
  logger: Logger;
  refreshMs: number;
}): Promise<StoreIntel | undefined> {
  let schemas: StixSchemaSet;
  try {
    schemas = loadStixSchemas();
  } catch (err) {
    deps.logger.warn({ reason: (err as Error).message }, 'gateway: STIX schemas not found; no stored intel');
    return undefined;
  }
  const warninglists = loadWarninglists();
  let matcher: IntelMatcher | undefined;
  let objects = 0;
  let seen = '';
  let running: Promise<boolean> | undefined;

  const signature = async (): Promise<string> => {
    const r = await sql<{ n: number | string; m: number | string | null }>`
      select count(*) as n, max(seq) as m from intel_objects`.execute(deps.database.db);
    const row = r.rows[0];
    return `${row?.n ?? 0}/${row?.m ?? 0}`;
  };
  const load = async (): Promise<boolean> => {
    const sig = await signature();
    if (sig === seen) return false;
    const { state } = await loadIntelStateFromStore(deps.database.db, schemas);
    matcher = compileMatcher(state, { warninglists });
    objects = state.size;
    seen = sig;
    deps.logger.info({ objects }, 'gateway: intel loaded from the store');
    return true;
  };
  const refresh = (): Promise<boolean> => {
    running ??= load().finally(() => (running = undefined));
    return running;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err: unknown) =>
      deps.logger.warn({ err }, 'gateway: stored intel could not be re-read; matching with the last copy'),
    );
  }, deps.refreshMs);
  timer.unref();
  return {
    port: intelMatchFrom(() => matcher),
    refresh,
    get objects() {
      return objects;
    },
    close: () => clearInterval(timer),
  };
}
