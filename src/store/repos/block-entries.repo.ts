import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Table of migration 202611221400_create_block_entries. */
export type BlockEntriesTable = {
  block_entries: {
    seq: Generated<number>;
    id: string;
    kind: string;
    value: string;
    effect: string;
    reason: string;
    action_id: string | null;
    case_id: string | null;
    actor: string | null;
    shadow: number;
    created_at: number;
    expires_at: number | null;
    revoked_at: number | null;
    /** Bumped on every change (insert or revoke) to a value above every other row's. */
    changed_seq: number;
  };
};

type Db = Kysely<DB & BlockEntriesTable> | Transaction<DB & BlockEntriesTable>;

function blockDb(db: Kysely<DB> | Transaction<DB>): Db {
  return db as unknown as Db;
}

/** A stored entry; `kind` and `effect` are validated by the enforcement layer that writes them. */
export interface StoredBlockEntry {
  id: string;
  kind: string;
  value: string;
  effect: string;
  reason: string;
  source: { actionId?: string; caseId?: string; actor?: string };
  shadow: boolean;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  changedSeq: number;
}

function toEntry(r: Selectable<BlockEntriesTable['block_entries']>): StoredBlockEntry {
  return {
    id: r.id,
    kind: r.kind,
    value: r.value,
    effect: r.effect,
    reason: r.reason,
    source: {
      ...(r.action_id !== null ? { actionId: r.action_id } : {}),
      ...(r.case_id !== null ? { caseId: r.case_id } : {}),
      ...(r.actor !== null ? { actor: r.actor } : {}),
    },
    shadow: Number(r.shadow) === 1,
    createdAt: Number(r.created_at),
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    changedSeq: Number(r.changed_seq),
  };
}

async function nextChangedSeq(db: Db): Promise<number> {
  const r = await db.selectFrom('block_entries').select((eb) => eb.fn.max('changed_seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/**
 * Inserts entries; an entry whose id exists already is left as it was (acting twice is
 * idempotent). Returns the entries actually inserted. Run inside the caller's transaction so the
 * entries land with the action that made them.
 */
export async function insertBlockEntries(
  given: Kysely<DB> | Transaction<DB>,
  entries: readonly Omit<StoredBlockEntry, 'changedSeq'>[],
): Promise<StoredBlockEntry[]> {
  const db = blockDb(given);
  if (entries.length === 0) return [];
  const existing = new Set(
    (await db.selectFrom('block_entries').select('id').where('id', 'in', entries.map((e) => e.id)).execute()).map((r) => r.id),
  );
  const fresh = entries.filter((e) => !existing.has(e.id));
  if (fresh.length === 0) return [];
  let seq = await nextChangedSeq(db);
  const out: StoredBlockEntry[] = [];
  for (const e of fresh) out.push({ ...e, changedSeq: seq++ });
  await db
    .insertInto('block_entries')
    .values(
      out.map((e) => ({
        id: e.id,
        kind: e.kind,
        value: e.value,
        effect: e.effect,
        reason: e.reason,
        action_id: e.source.actionId ?? null,
        case_id: e.source.caseId ?? null,
        actor: e.source.actor ?? null,
        shadow: e.shadow ? 1 : 0,
        created_at: e.createdAt,
        expires_at: e.expiresAt,
        revoked_at: e.revokedAt,
        changed_seq: e.changedSeq,
      })),
    )
    .execute();
  return out;
}

/** Revokes live entries by id; returns the ids actually revoked (already revoked ones are skipped). */
export async function revokeBlockEntries(given: Kysely<DB> | Transaction<DB>, ids: readonly string[], at: number): Promise<string[]> {
  const db = blockDb(given);
  if (ids.length === 0) return [];
  const live = (
    await db.selectFrom('block_entries').select('id').where('id', 'in', [...ids]).where('revoked_at', 'is', null).execute()
  ).map((r) => r.id);
  let seq = await nextChangedSeq(db);
  for (const id of live) {
    await db.updateTable('block_entries').set({ revoked_at: at, changed_seq: seq++ }).where('id', '=', id).execute();
  }
  return live;
}

/** Entries neither revoked nor expired at `nowMs`: what a starting gateway loads. */
export async function listActiveBlockEntries(given: Kysely<DB> | Transaction<DB>, nowMs: number): Promise<StoredBlockEntry[]> {
  const rows = await blockDb(given)
    .selectFrom('block_entries')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowMs)]))
    .orderBy('seq')
    .execute();
  return rows.map(toEntry);
}

/** Entries changed after `changedSeq` (inserted or revoked), oldest change first: a replica's catch-up. */
export async function listBlockEntriesChangedAfter(
  given: Kysely<DB> | Transaction<DB>,
  changedSeq: number,
  limit = 10_000,
): Promise<StoredBlockEntry[]> {
  const rows = await blockDb(given)
    .selectFrom('block_entries')
    .selectAll()
    .where('changed_seq', '>', changedSeq)
    .orderBy('changed_seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** Entries created by one action or case, revoked or not (for reversal and the blast-radius record). */
export async function listBlockEntriesBySource(
  given: Kysely<DB> | Transaction<DB>,
  by: { actionId: string } | { caseId: string },
): Promise<StoredBlockEntry[]> {
  let q = blockDb(given).selectFrom('block_entries').selectAll();
  q = 'actionId' in by ? q.where('action_id', '=', by.actionId) : q.where('case_id', '=', by.caseId);
  return (await q.orderBy('seq').execute()).map(toEntry);
}
