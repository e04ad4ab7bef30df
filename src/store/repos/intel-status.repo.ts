import type { IntelDb } from './intel-tables.js';

/** TAXII 2.1 §4.3.1 status resource, as stored. */
export interface TaxiiStatus {
  id: string;
  collectionId: string;
  status: 'complete' | 'pending';
  requestTimestamp: string;
  totalCount: number;
  successCount: number;
  failureCount: number;
  pendingCount: number;
  successes: { id: string; version?: string; message?: string }[];
  failures: { id: string; version?: string; message?: string }[];
}

export async function saveTaxiiStatus(db: IntelDb, s: TaxiiStatus): Promise<void> {
  await db
    .insertInto('taxii_status')
    .values({
      id: s.id,
      collection_id: s.collectionId,
      status: s.status,
      request_timestamp: s.requestTimestamp,
      total_count: s.totalCount,
      success_count: s.successCount,
      failure_count: s.failureCount,
      pending_count: s.pendingCount,
      details: JSON.stringify({ successes: s.successes, failures: s.failures }),
    })
    .execute();
}

export async function findTaxiiStatus(db: IntelDb, id: string): Promise<TaxiiStatus | undefined> {
  const r = await db.selectFrom('taxii_status').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const d = JSON.parse(r.details) as Pick<TaxiiStatus, 'successes' | 'failures'>;
  return {
    id: r.id,
    collectionId: r.collection_id,
    status: r.status as TaxiiStatus['status'],
    requestTimestamp: r.request_timestamp,
    totalCount: Number(r.total_count),
    successCount: Number(r.success_count),
    failureCount: Number(r.failure_count),
    pendingCount: Number(r.pending_count),
    successes: d.successes,
    failures: d.failures,
  };
}
