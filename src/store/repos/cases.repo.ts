import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Tables of migration 202611221420_create_cases. */
export type CasesTables = {
  cases: {
    seq: Generated<number>;
    id: string;
    case_key: string;
    title: string;
    state: string;
    priority: string;
    assignee: string | null;
    tags: string;
    due_at: number | null;
    disposition: string | null;
    network_id: string | null;
    accounts: string;
    actor: string | null;
    score: number;
    snapshot: string;
    evidence_hash: string;
    version: number;
    created_at: number;
    updated_at: number;
  };
  case_notes: {
    seq: Generated<number>;
    case_id: string;
    kind: string;
    author: string;
    body: string;
    at: number;
  };
};

type Db = Kysely<DB & CasesTables> | Transaction<DB & CasesTables>;

/** Views any Warden database handle as one that knows the cases tables. */
export function casesDb(db: Kysely<DB> | Transaction<DB>): Db {
  return db as unknown as Db;
}

/** A stored case; `snapshot` is the JSON the cases layer wrote (it validates what it reads). */
export interface StoredCase {
  id: string;
  key: string;
  title: string;
  state: string;
  priority: string;
  assignee: string | null;
  tags: string[];
  dueAt: number | null;
  disposition: string | null;
  networkId: string | null;
  accounts: string[];
  actor: unknown;
  score: number;
  snapshot: unknown;
  evidenceHash: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredCaseNote {
  seq: number;
  caseId: string;
  kind: string;
  author: string;
  body: string;
  at: number;
}

function toCase(r: Selectable<CasesTables['cases']>): StoredCase {
  return {
    id: r.id,
    key: r.case_key,
    title: r.title,
    state: r.state,
    priority: r.priority,
    assignee: r.assignee,
    tags: JSON.parse(r.tags) as string[],
    dueAt: r.due_at === null ? null : Number(r.due_at),
    disposition: r.disposition,
    networkId: r.network_id,
    accounts: JSON.parse(r.accounts) as string[],
    actor: r.actor === null ? null : (JSON.parse(r.actor) as unknown),
    score: Number(r.score),
    snapshot: JSON.parse(r.snapshot) as unknown,
    evidenceHash: r.evidence_hash,
    version: Number(r.version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toRow(c: StoredCase): Omit<Selectable<CasesTables['cases']>, 'seq'> {
  return {
    id: c.id,
    case_key: c.key,
    title: c.title,
    state: c.state,
    priority: c.priority,
    assignee: c.assignee,
    tags: JSON.stringify(c.tags),
    due_at: c.dueAt,
    disposition: c.disposition,
    network_id: c.networkId,
    accounts: JSON.stringify(c.accounts),
    actor: c.actor === null || c.actor === undefined ? null : JSON.stringify(c.actor),
    score: c.score,
    snapshot: JSON.stringify(c.snapshot),
    evidence_hash: c.evidenceHash,
    version: c.version,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export async function insertCase(given: Kysely<DB> | Transaction<DB>, c: StoredCase): Promise<void> {
  await casesDb(given).insertInto('cases').values(toRow(c)).execute();
}

/**
 * Writes a case only if its stored version is still `expectedVersion` (optimistic concurrency).
 * Returns false when someone else changed it first; the caller re-reads and reports the version.
 */
export async function updateCaseIfVersion(given: Kysely<DB> | Transaction<DB>, c: StoredCase, expectedVersion: number): Promise<boolean> {
  const { id: _id, case_key: _key, created_at: _c, ...row } = toRow(c);
  const r = await casesDb(given)
    .updateTable('cases')
    .set(row)
    .where('id', '=', c.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findCaseById(given: Kysely<DB> | Transaction<DB>, id: string): Promise<StoredCase | undefined> {
  const r = await casesDb(given).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toCase(r);
}

export async function findCaseByKey(given: Kysely<DB> | Transaction<DB>, key: string): Promise<StoredCase | undefined> {
  const r = await casesDb(given).selectFrom('cases').selectAll().where('case_key', '=', key).executeTakeFirst();
  return r && toCase(r);
}

/** Cases whose member list holds the account (JSON text search, then checked exactly). */
export async function findCasesOfAccount(given: Kysely<DB> | Transaction<DB>, account: string): Promise<StoredCase[]> {
  const rows = await casesDb(given)
    .selectFrom('cases')
    .selectAll()
    // A pre-filter only (`%` or `_` in a name widen it); the exact check follows.
    .where('accounts', 'like', `%${JSON.stringify(account)}%`)
    .orderBy('seq')
    .execute();
  return rows.map(toCase).filter((c) => c.accounts.includes(account));
}

export interface CaseFilter {
  state?: string;
  assignee?: string;
  disposition?: string;
  limit: number;
  /** Cases with `seq` below this (paging newest first). */
  before?: number;
}

/** Cases newest first, with a cursor for the next page. */
export async function listCases(
  given: Kysely<DB> | Transaction<DB>,
  f: CaseFilter,
): Promise<{ cases: StoredCase[]; next: number | null }> {
  let q = casesDb(given).selectFrom('cases').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.assignee) q = q.where('assignee', '=', f.assignee);
  if (f.disposition) q = q.where('disposition', '=', f.disposition);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  const rows = await q.orderBy('seq', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return { cases: page.map(toCase), next: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null };
}

/** Every case with a disposition: the feedback precision is measured from. */
export async function listDisposedCases(given: Kysely<DB> | Transaction<DB>): Promise<StoredCase[]> {
  const rows = await casesDb(given).selectFrom('cases').selectAll().where('disposition', 'is not', null).orderBy('seq').execute();
  return rows.map(toCase);
}

export async function insertCaseNote(given: Kysely<DB> | Transaction<DB>, n: Omit<StoredCaseNote, 'seq'>): Promise<void> {
  await casesDb(given).insertInto('case_notes').values({ case_id: n.caseId, kind: n.kind, author: n.author, body: n.body, at: n.at }).execute();
}

export async function listCaseNotes(given: Kysely<DB> | Transaction<DB>, caseId: string): Promise<StoredCaseNote[]> {
  const rows = await casesDb(given).selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), caseId: r.case_id, kind: r.kind, author: r.author, body: r.body, at: Number(r.at) }));
}

/**
 * Stored e-mail values matching a LIKE pattern (capped): how a ban preview finds existing
 * accounts whose address shares a banned local-part stem. The caller re-checks each exactly.
 */
export async function findEmailValuesLike(given: Kysely<DB> | Transaction<DB>, pattern: string, limit: number): Promise<string[]> {
  const rows = await given.selectFrom('entities').select('value').where('type', '=', 'email').where('value', 'like', pattern).limit(limit).execute();
  return rows.map((r) => r.value);
}
