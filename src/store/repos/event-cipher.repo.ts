import { sql, type Kysely } from 'kysely';
import { sealedPrefix } from '../field-cipher.js';
import type { DB } from '../schema.js';

/** The two tables that hold raw events, and so prompt and response text. */
export type RawEventTable = 'events' | 'event_conflicts';
export const rawEventTables: readonly RawEventTable[] = ['events', 'event_conflicts'];

/**
 * Stored rows exactly as they are on disk (sealed or not), in seq order after a cursor: what
 * `warden privacy encrypt-existing` and `rotate-key` walk. Nothing is decrypted here.
 */
export async function listStoredRawsAfter(
  db: Kysely<DB>,
  table: RawEventTable,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; id: string; raw: string }[]> {
  const rows = await db
    .selectFrom(table)
    .select(['seq', 'id', 'raw'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), id: r.id, raw: r.raw }));
}

/**
 * Writes already-sealed raw values in one transaction. Each update is conditional on the value
 * read, so a row that changed meanwhile (a retention purge) is left for the next run rather
 * than overwritten with stale text. Returns how many rows changed.
 */
export async function replaceStoredRaws(
  db: Kysely<DB>,
  table: RawEventTable,
  rows: readonly { seq: number; from: string; raw: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let n = 0;
    for (const r of rows) {
      const res = await trx
        .updateTable(table)
        .set({ raw: r.raw })
        .where('seq', '=', r.seq)
        .where('raw', '=', r.from)
        .executeTakeFirst();
      n += Number(res.numUpdatedRows);
    }
    return n;
  });
}

/** Rows per key id (`''` = not encrypted), per table: how far encryption or a rotation has got. */
export async function countRawsByKeyId(
  db: Kysely<DB>,
): Promise<{ table: RawEventTable; keyId: string; rows: number }[]> {
  const out: { table: RawEventTable; keyId: string; rows: number }[] = [];
  const n = sealedPrefix.length;
  for (const table of rawEventTables) {
    const r = await sql<{ kid: string; n: number }>`
      SELECT CASE WHEN substr(raw, 1, ${n}) = ${sealedPrefix} THEN substr(raw, ${n + 1}, 8) ELSE '' END AS kid, count(*) AS n
      FROM ${sql.table(table)} GROUP BY 1 ORDER BY 1`.execute(db);
    for (const row of r.rows) out.push({ table, keyId: row.kid, rows: Number(row.n) });
  }
  return out;
}
