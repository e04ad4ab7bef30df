import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Table of migration 202611221420_create_cases (enforcement actions). */
export type ActionsTables = {
  enforcement_actions: {
    seq: Generated<number>;
    id: string;
    case_id: string | null;
    target_type: string;
    target_id: string;
    kind: string;
    state: string;
    idempotency_key: string | null;
    reason: string;
    policy: string | null;
    proposed_by: string;
    decided_by: string | null;
    plan: string;
    execute_at: number | null;
    duration_ms: number | null;
    expires_at: number | null;
    executed_at: number | null;
    reversed_at: number | null;
    created_at: number;
    updated_at: number;
  };
};

type Db = Kysely<DB & ActionsTables> | Transaction<DB & ActionsTables>;

function actionsDb(db: Kysely<DB> | Transaction<DB>): Db {
  return db as unknown as Db;
}

/** A stored action; `plan` is the JSON the enforcement layer wrote (the blast radius it acts on). */
export interface StoredAction {
  id: string;
  caseId: string | null;
  targetType: string;
  targetId: string;
  kind: string;
  state: string;
  idempotencyKey: string | null;
  reason: string;
  policy: string | null;
  proposedBy: string;
  decidedBy: string | null;
  plan: unknown;
  executeAt: number | null;
  durationMs: number | null;
  expiresAt: number | null;
  executedAt: number | null;
  reversedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

function toAction(r: Selectable<ActionsTables['enforcement_actions']>): StoredAction {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    caseId: r.case_id,
    targetType: r.target_type,
    targetId: r.target_id,
    kind: r.kind,
    state: r.state,
    idempotencyKey: r.idempotency_key,
    reason: r.reason,
    policy: r.policy,
    proposedBy: r.proposed_by,
    decidedBy: r.decided_by,
    plan: JSON.parse(r.plan) as unknown,
    executeAt: n(r.execute_at),
    durationMs: n(r.duration_ms),
    expiresAt: n(r.expires_at),
    executedAt: n(r.executed_at),
    reversedAt: n(r.reversed_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function insertAction(given: Kysely<DB> | Transaction<DB>, a: StoredAction): Promise<void> {
  await actionsDb(given)
    .insertInto('enforcement_actions')
    .values({
      id: a.id,
      case_id: a.caseId,
      target_type: a.targetType,
      target_id: a.targetId,
      kind: a.kind,
      state: a.state,
      idempotency_key: a.idempotencyKey,
      reason: a.reason,
      policy: a.policy,
      proposed_by: a.proposedBy,
      decided_by: a.decidedBy,
      plan: JSON.stringify(a.plan),
      execute_at: a.executeAt,
      duration_ms: a.durationMs,
      expires_at: a.expiresAt,
      executed_at: a.executedAt,
      reversed_at: a.reversedAt,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    })
    .execute();
}

/**
 * Moves an action from `fromState` to a new state with the given changes; false when it was no
 * longer in `fromState` (another replica or request got there first).
 */
export async function transitionAction(
  given: Kysely<DB> | Transaction<DB>,
  id: string,
  fromState: string,
  set: Partial<Pick<StoredAction, 'state' | 'decidedBy' | 'executedAt' | 'reversedAt' | 'expiresAt' | 'updatedAt'>>,
): Promise<boolean> {
  const r = await actionsDb(given)
    .updateTable('enforcement_actions')
    .set({
      ...(set.state !== undefined ? { state: set.state } : {}),
      ...(set.decidedBy !== undefined ? { decided_by: set.decidedBy } : {}),
      ...(set.executedAt !== undefined ? { executed_at: set.executedAt } : {}),
      ...(set.reversedAt !== undefined ? { reversed_at: set.reversedAt } : {}),
      ...(set.expiresAt !== undefined ? { expires_at: set.expiresAt } : {}),
      ...(set.updatedAt !== undefined ? { updated_at: set.updatedAt } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', fromState)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findActionById(given: Kysely<DB> | Transaction<DB>, id: string): Promise<StoredAction | undefined> {
  const r = await actionsDb(given).selectFrom('enforcement_actions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAction(r);
}

export async function findActionByIdempotencyKey(given: Kysely<DB> | Transaction<DB>, key: string): Promise<StoredAction | undefined> {
  const r = await actionsDb(given).selectFrom('enforcement_actions').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return r && toAction(r);
}

/** An action on the same target and kind that is still open (proposed, approved or executed). */
export async function findOpenAction(
  given: Kysely<DB> | Transaction<DB>,
  targetType: string,
  targetId: string,
  kind: string,
): Promise<StoredAction | undefined> {
  const r = await actionsDb(given)
    .selectFrom('enforcement_actions')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('kind', '=', kind)
    .where('state', 'in', ['proposed', 'approved', 'executed'])
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return r && toAction(r);
}

export interface ActionFilter {
  state?: string;
  caseId?: string;
  limit: number;
  before?: number;
}

export async function listActions(
  given: Kysely<DB> | Transaction<DB>,
  f: ActionFilter,
): Promise<{ actions: StoredAction[]; next: number | null }> {
  let q = actionsDb(given).selectFrom('enforcement_actions').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  const rows = await q.orderBy('seq', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return { actions: page.map(toAction), next: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null };
}

/** Approved actions whose `execute_at` has come. */
export async function listDueActions(given: Kysely<DB> | Transaction<DB>, nowMs: number, limit = 100): Promise<StoredAction[]> {
  const rows = await actionsDb(given)
    .selectFrom('enforcement_actions')
    .selectAll()
    .where('state', '=', 'approved')
    .where((eb) => eb.or([eb('execute_at', 'is', null), eb('execute_at', '<=', nowMs)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toAction);
}

/** Executed actions whose expiry has passed. */
export async function listExpiredActions(given: Kysely<DB> | Transaction<DB>, nowMs: number, limit = 100): Promise<StoredAction[]> {
  const rows = await actionsDb(given)
    .selectFrom('enforcement_actions')
    .selectAll()
    .where('state', '=', 'executed')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', nowMs)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toAction);
}
