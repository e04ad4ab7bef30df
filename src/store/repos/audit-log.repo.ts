import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { dialectOf } from '../dialect-of.js';
import type { DB } from '../schema.js';

/** Table of migration 202611221435_create_audit_log. */
export type AuditLogTables = {
  audit_log: {
    seq: number;
    at: number;
    actor: string;
    action: string;
    target_type: string | null;
    target_id: string | null;
    reason: string | null;
    /** Canonical JSON (sorted keys): the exact text the hash covers. */
    details: string;
    prev_hash: string;
    hash: string;
  };
};

type AuditDb = Kysely<DB & AuditLogTables> | Transaction<DB & AuditLogTables>;

/** The audit view of a database handle; the cast is safe because the migration made the table. */
export function auditDb(db: Kysely<DB> | Transaction<DB>): AuditDb {
  return db as unknown as AuditDb;
}

/** One stored row of the chain, camelCase. */
export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

function toRow(r: Selectable<AuditLogTables['audit_log']>): AuditRow {
  return {
    seq: Number(r.seq),
    at: Number(r.at),
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The chain's last row (highest seq), or undefined for an empty log. */
export async function lastAuditRow(db: Kysely<DB> | Transaction<DB>): Promise<AuditRow | undefined> {
  const r = await auditDb(db).selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r && toRow(r);
}

/** Appends rows already chained by the caller; the seq primary key refuses a fork. */
export async function insertAuditRows(db: Kysely<DB> | Transaction<DB>, rows: readonly AuditRow[]): Promise<void> {
  // Parameters per statement stay well under SQLite's 32766 and PostgreSQL's 65535.
  for (let i = 0; i < rows.length; i += 500) {
    await auditDb(db)
      .insertInto('audit_log')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          action: r.action,
          target_type: r.targetType,
          target_id: r.targetId,
          reason: r.reason,
          details: r.details,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
      )
      .execute();
  }
}

/** Rows in seq order after `afterSeq`, optionally from a time: the cursor verify and export page with. */
export async function listAuditRowsAfter(
  db: Kysely<DB> | Transaction<DB>,
  afterSeq: number,
  limit: number,
  filter: { sinceAt?: number; actor?: string; action?: string } = {},
): Promise<AuditRow[]> {
  let q = auditDb(db).selectFrom('audit_log').selectAll().where('seq', '>', afterSeq);
  if (filter.sinceAt !== undefined) q = q.where('at', '>=', filter.sinceAt);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map(toRow);
}

/**
 * Takes the audit writer's lock for the rest of the transaction. PostgreSQL: a
 * transaction-level advisory lock, so two processes append one after the other instead of
 * racing for the same seq. SQLite already serialises writers on the database file.
 */
export async function lockAuditChain(trx: Transaction<DB>): Promise<void> {
  // 0x5741524441554449 spells "WARDAUDI": one fixed key for the whole chain.
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(6291157425004004681)`.execute(trx);
}
