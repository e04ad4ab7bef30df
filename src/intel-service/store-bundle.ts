import type { Kysely } from 'kysely';
import { importBundleText, IntelState, type ImportResult, type StixSchemaSet } from '../intel/index.js';
import type { DB } from '../store/index.js';
import { insertIntelObjects } from '../store/repos/intel-objects.repo.js';
import { ensureCollection } from '../store/repos/intel-partners.repo.js';
import { intelDb } from '../store/repos/intel-tables.js';
import { stixVersion } from '../taxii/index.js';

export interface StoreBundleOptions {
  schemas: StixSchemaSet;
  collection: string;
  /** Provenance kept on every object, e.g. `file:partner.json` or `api:key-id`. */
  source: string;
  now: number;
  strict?: boolean;
  maxBytes?: number;
}

export type StoreBundleResult = { result: ImportResult; stored: number };

/**
 * Validates a STIX 2.1 bundle whole (src/intel) and, only when every object passes, stores its
 * objects in a TAXII collection in one transaction: the one path for `warden intel import` and
 * `POST /api/v1/intel/bundles`.
 */
export async function storeBundle(db: Kysely<DB>, text: string | Buffer, options: StoreBundleOptions): Promise<StoreBundleResult> {
  const state = new IntelState();
  const result = importBundleText(state, text, {
    schemas: options.schemas,
    provenance: { source: options.source, receivedAt: new Date(options.now).toISOString() },
    strict: options.strict ?? false,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  if (!result.ok) return { result, stored: 0 };
  const objects = [...state.values()].map((x) => x.object);
  const idb = intelDb(db);
  const stored = await idb.transaction().execute(async (trx) => {
    await ensureCollection(trx, options.collection, options.now);
    return insertIntelObjects(
      trx,
      options.collection,
      objects.map((o) => ({
        stixId: String(o.id),
        type: String(o.type),
        version: stixVersion(o, options.now),
        specVersion: typeof o.spec_version === 'string' ? o.spec_version : '2.1',
        source: options.source,
        object: o,
      })),
      options.now,
    );
  });
  return { result, stored };
}
