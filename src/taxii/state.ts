import type { Kysely } from 'kysely';
import { importBundle, IntelState, type ImportResult, type StixObject, type StixSchemaSet } from '../intel/index.js';
import type { DB } from '../store/index.js';
import { listLatestIntelObjects } from '../store/repos/intel-objects.repo.js';
import { intelDb } from '../store/repos/intel-tables.js';

/**
 * Builds the in-memory IntelState (what the matcher compiles) from every collection in the
 * store. Objects keep the provenance they were stored with; versioning picks the newest.
 */
export async function loadIntelStateFromStore(db: Kysely<DB>, schemas: StixSchemaSet): Promise<{ state: IntelState; results: ImportResult[] }> {
  const rows = await listLatestIntelObjects(intelDb(db));
  const bySource = new Map<string, StixObject[]>();
  for (const r of rows) {
    const list = bySource.get(r.source) ?? [];
    list.push(r.object as StixObject);
    bySource.set(r.source, list);
  }
  const state = new IntelState();
  const results: ImportResult[] = [];
  for (const [source, objects] of bySource) {
    results.push(
      importBundle(state, { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects }, {
        schemas,
        provenance: { source, receivedAt: new Date(0).toISOString() },
      }),
    );
  }
  return { state, results };
}
