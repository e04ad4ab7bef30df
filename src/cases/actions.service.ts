import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BlockEntry, BlocklistChange } from '../enforcement/index.js';
import { AppError } from '../errors/index.js';
import { ingestValues } from '../ingest/index.js';
import {
  findActionById,
  findActionByIdempotencyKey,
  findOpenAction,
  insertAction,
  insertBlockEntries,
  insertCaseNote,
  listActions,
  listBlockEntriesBySource,
  listDueActions,
  listExpiredActions,
  revokeBlockEntries,
  transitionAction,
  type StoredAction,
  type StoredBlockEntry,
} from '../store/index.js';
import { actionTargetSchema, previewAction, type ActionPlan } from './blast-radius.js';
import { markCaseActioned } from './cases.service.js';
import { audit, iso, type CasesContext } from './context.js';
import { enqueueWebhookEvent } from './webhooks.service.js';

export const actionStates = ['proposed', 'approved', 'executed', 'rejected', 'reversed', 'expired'] as const;
export type ActionState = (typeof actionStates)[number];

/** `POST /api/v1/actions`: a target, a kind, and when and for how long. */
export const proposeActionSchema = actionTargetSchema
  .extend({
    reason: z.string().trim().min(1).max(2000),
    /** Run no earlier than this (so probers get no instant signal); default: when approved. */
    executeAt: z.iso.datetime({ offset: true }).optional(),
    /** How long the action lasts once executed; default: until reversed. */
    durationMs: z.number().int().min(1000).max(10 * 365 * 86_400_000).optional(),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ProposeAction = z.infer<typeof proposeActionSchema>;

/** An action as the API returns it. */
export interface ActionView {
  id: string;
  caseId: string | null;
  targetType: string;
  targetId: string;
  kind: string;
  state: ActionState;
  reason: string;
  policy: string | null;
  proposedBy: string;
  decidedBy: string | null;
  executeAt: string | null;
  durationMs: number | null;
  expiresAt: string | null;
  executedAt: string | null;
  reversedAt: string | null;
  createdAt: string;
  plan: ActionPlan;
}

export function actionView(a: StoredAction): ActionView {
  return {
    id: a.id,
    caseId: a.caseId,
    targetType: a.targetType,
    targetId: a.targetId,
    kind: a.kind,
    state: a.state as ActionState,
    reason: a.reason,
    policy: a.policy,
    proposedBy: a.proposedBy,
    decidedBy: a.decidedBy,
    executeAt: iso(a.executeAt),
    durationMs: a.durationMs,
    expiresAt: iso(a.expiresAt),
    executedAt: iso(a.executedAt),
    reversedAt: iso(a.reversedAt),
    createdAt: iso(a.createdAt)!,
    plan: a.plan as ActionPlan,
  };
}

/** Entry ids derive from the action and value, so re-running an execution inserts nothing twice. */
function entryId(actionId: string, kind: string, value: string): string {
  return `be_${createHash('sha256').update(`${actionId}\u0000${kind}\u0000${value}`).digest('hex').slice(0, 24)}`;
}

function toBlockEntry(e: StoredBlockEntry): BlockEntry {
  return {
    id: e.id,
    kind: e.kind as BlockEntry['kind'],
    value: e.value,
    effect: e.effect as BlockEntry['effect'],
    reason: e.reason,
    source: e.source,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    revokedAt: e.revokedAt,
    shadow: e.shadow,
  };
}

/**
 * Publishes committed changes. A failure here (Redis down) does not undo the decision: the
 * entries are in the store, and every gateway re-reads the store's change cursor on its own.
 */
async function publish(ctx: CasesContext, changes: BlocklistChange[]): Promise<void> {
  if (!ctx.enforcement) {
    if (changes.length > 0) ctx.logger?.warn({ changes: changes.length }, 'no enforcement bus here: gateways pick the change up from the store');
    return;
  }
  try {
    for (const c of changes) await ctx.enforcement.bus.publish(c);
  } catch (err) {
    ctx.logger?.error({ err, changes: changes.length }, 'publishing blocklist changes failed; gateways catch up from the store');
  }
}

/**
 * Records `account.enforced` for each actioned account, as the provider's own system would, so
 * the pipeline's ban-evasion detector knows the account was actioned. Ids are stable per
 * action, account and verb, so a retried execution adds nothing.
 */
async function recordEnforcementEvents(ctx: CasesContext, a: StoredAction, verb: 'warn' | 'suspend' | 'terminate' | 'reinstate', accounts: string[], atMs: number): Promise<void> {
  if (accounts.length === 0) return;
  try {
    await ingestEnforcement(ctx, a, verb, accounts, atMs);
  } catch (err) {
    // The action stands either way; the evasion detector only misses this record until it is re-sent.
    ctx.logger?.error({ err, action: a.id }, 'recording account.enforced events failed');
  }
}

async function ingestEnforcement(ctx: CasesContext, a: StoredAction, verb: string, accounts: string[], atMs: number): Promise<void> {
  const values = accounts.map((account) => ({
    id: `warden:${a.id}:${verb}:${account}`,
    time: new Date(atMs).toISOString(),
    kind: 'account.enforced',
    account,
    enforcement: { action: verb, reason: `warden action ${a.id} (${a.kind})` },
  }));
  await ingestValues({ database: ctx.database, now: ctx.now, ...(ctx.onEventsCommitted ? { onCommitted: ctx.onEventsCommitted } : {}) }, values, {});
}

function enforcedVerb(kind: string): 'warn' | 'suspend' | 'terminate' | undefined {
  if (kind === 'warn') return 'warn';
  if (kind === 'suspend') return 'suspend';
  if (kind === 'terminate' || kind === 'network-ban') return 'terminate';
  return undefined;
}

export async function getActionOrThrow(ctx: CasesContext, id: string): Promise<StoredAction> {
  const a = await findActionById(ctx.database.db, id);
  if (!a) throw new AppError('ACTION_NOT_FOUND', `No action "${id}"; list actions with GET /api/v1/actions.`, { details: { id } });
  return a;
}

export async function listActionViews(ctx: CasesContext, f: { state?: string; caseId?: string; limit: number; before?: number }) {
  const r = await listActions(ctx.database.db, f);
  return { actions: r.actions.map(actionView), next: r.next };
}

/**
 * Proposes an action. Idempotent: the same idempotency key, or an open action (proposed,
 * approved or executed) of the same kind on the same target, returns that action instead of a
 * second one (`created: false`). The blast radius is computed now and stored with it: what a
 * lead approves is exactly what was previewed.
 */
export async function proposeAction(
  ctx: CasesContext,
  input: ProposeAction,
  by: string,
  policy: string | null = null,
): Promise<{ action: ActionView; created: boolean }> {
  const db = ctx.database.db;
  const existing =
    (input.idempotencyKey ? await findActionByIdempotencyKey(db, input.idempotencyKey) : undefined) ??
    (await findOpenAction(db, input.targetType, input.targetId, input.kind));
  if (existing) return { action: actionView(existing), created: false };
  const plan = await previewAction(ctx, input);
  const now = ctx.now();
  const a: StoredAction = {
    id: `act_${randomUUID()}`,
    caseId: plan.caseId,
    targetType: input.targetType,
    targetId: input.targetId,
    kind: input.kind,
    state: 'proposed',
    idempotencyKey: input.idempotencyKey ?? null,
    reason: input.reason,
    policy,
    proposedBy: by,
    decidedBy: null,
    plan,
    executeAt: input.executeAt ? Date.parse(input.executeAt) : null,
    durationMs: input.durationMs ?? null,
    expiresAt: null,
    executedAt: null,
    reversedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const created = await db.transaction().execute(async (trx) => {
    // Re-checked inside the transaction: two concurrent proposals of the same action make one.
    const again =
      (a.idempotencyKey ? await findActionByIdempotencyKey(trx, a.idempotencyKey) : undefined) ??
      (await findOpenAction(trx, a.targetType, a.targetId, a.kind));
    if (again) return again;
    await insertAction(trx, a);
    if (a.caseId)
      await insertCaseNote(trx, { caseId: a.caseId, kind: 'action', author: by, body: `Proposed ${a.kind} on ${a.targetType} ${a.targetId}: ${a.reason}`, at: now });
    await enqueueWebhookEvent(trx, now, 'action.proposed', `action.proposed:${a.id}`, { action: actionView(a) });
    return undefined;
  });
  if (created) return { action: actionView(created), created: false };
  await audit(ctx, {
    actor: by,
    action: 'action.proposed',
    target: { type: 'action', id: a.id },
    reason: a.reason,
    details: { kind: a.kind, targetType: a.targetType, targetId: a.targetId, policy, accounts: plan.accounts.length, entries: plan.entries.filter((e) => e.included).length },
  });
  return { action: actionView(a), created: true };
}

/**
 * A lead's approval. Executes at once unless `executeAt` is in the future (then the scheduler
 * does, so the banned side sees no reaction to the moment of decision).
 */
export async function approveAction(ctx: CasesContext, id: string, by: string): Promise<ActionView> {
  const a = await getActionOrThrow(ctx, id);
  if (a.state === 'approved' || a.state === 'executed') return actionView(a); // approving twice is a no-op
  if (a.state !== 'proposed') throw stateError(a, 'approve', ['proposed']);
  const now = ctx.now();
  const moved = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await transitionAction(trx, id, 'proposed', { state: 'approved', decidedBy: by, updatedAt: now }))) return false;
    await enqueueWebhookEvent(trx, now, 'action.approved', `action.approved:${id}`, { action: { ...actionView(a), state: 'approved', decidedBy: by } });
    return true;
  });
  if (moved) await audit(ctx, { actor: by, action: 'action.approved', target: { type: 'action', id }, details: { kind: a.kind, targetId: a.targetId } });
  if (a.executeAt === null || a.executeAt <= now) return executeAction(ctx, id);
  return actionView(await getActionOrThrow(ctx, id));
}

export async function rejectAction(ctx: CasesContext, id: string, by: string, reason: string): Promise<ActionView> {
  const a = await getActionOrThrow(ctx, id);
  if (a.state === 'rejected') return actionView(a);
  if (a.state !== 'proposed') throw stateError(a, 'reject', ['proposed']);
  const now = ctx.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await transitionAction(trx, id, 'proposed', { state: 'rejected', decidedBy: by, updatedAt: now }))) throw stateError(a, 'reject', ['proposed']);
    await enqueueWebhookEvent(trx, now, 'action.rejected', `action.rejected:${id}`, { action: { ...actionView(a), state: 'rejected' } });
  });
  await audit(ctx, { actor: by, action: 'action.rejected', target: { type: 'action', id }, reason });
  return actionView(await getActionOrThrow(ctx, id));
}

function stateError(a: StoredAction, verb: string, allowed: string[]): AppError {
  return new AppError('ACTION_STATE_INVALID', `Cannot ${verb} action ${a.id}: it is ${a.state}; only ${allowed.join(' or ')} actions can be.`, {
    details: { state: a.state, allowed },
  });
}

/**
 * Executes an approved action: block entries, the action's new state, the case's move to
 * `actioned` and the webhook go in one transaction; after commit the changes are published to
 * every gateway and `account.enforced` is recorded. Idempotent: a second call on an executed
 * action returns it unchanged.
 */
export async function executeAction(ctx: CasesContext, id: string): Promise<ActionView> {
  const a = await getActionOrThrow(ctx, id);
  if (a.state === 'executed') return actionView(a);
  if (a.state !== 'approved') throw stateError(a, 'execute', ['approved']);
  const plan = a.plan as ActionPlan;
  const now = ctx.now();
  const expiresAt = a.durationMs === null ? null : now + a.durationMs;
  const entries = plan.entries
    .filter((e) => e.included)
    .map((e) => ({
      id: entryId(a.id, e.kind, e.value),
      kind: e.kind,
      value: e.value,
      effect: e.effect,
      reason: `${a.kind} ${a.targetType} ${a.targetId}: ${a.reason}`.slice(0, 2000),
      source: { actionId: a.id, ...(a.caseId ? { caseId: a.caseId } : {}), actor: a.decidedBy ?? a.proposedBy },
      shadow: false,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    }));
  const inserted = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await transitionAction(trx, id, 'approved', { state: 'executed', executedAt: now, expiresAt, updatedAt: now }))) return undefined;
    const rows = await insertBlockEntries(trx, entries);
    if (a.caseId) await markCaseActioned(trx, a.caseId, a.id, now);
    const view = { ...actionView(a), state: 'executed' as const, executedAt: iso(now), expiresAt: iso(expiresAt) };
    await enqueueWebhookEvent(trx, now, 'action.executed', `action.executed:${id}`, {
      action: view,
      accounts: plan.accounts,
      blocklist: rows.map((r) => ({ kind: r.kind, value: r.value, effect: r.effect, expiresAt: iso(r.expiresAt) })),
    });
    return rows;
  });
  if (inserted === undefined) return actionView(await getActionOrThrow(ctx, id)); // another scheduler got there first
  await publish(ctx, inserted.map((e) => ({ op: 'upsert' as const, entry: toBlockEntry(e) })));
  const verb = enforcedVerb(a.kind);
  if (verb) await recordEnforcementEvents(ctx, a, verb, plan.accounts, now);
  await audit(ctx, {
    actor: a.decidedBy ?? a.proposedBy,
    action: 'action.executed',
    target: { type: 'action', id },
    details: { kind: a.kind, targetId: a.targetId, accounts: plan.accounts.length, entries: inserted.length, expiresAt },
  });
  return actionView(await getActionOrThrow(ctx, id));
}

/**
 * Reverses an action: its block entries are revoked (and the revocation published), the
 * accounts reinstated in the event record, and the case noted. A delayed action not yet
 * executed is simply withdrawn. Reversing twice returns the reversed action.
 */
export async function reverseAction(ctx: CasesContext, id: string, by: string, reason: string): Promise<ActionView> {
  const a = await getActionOrThrow(ctx, id);
  if (a.state === 'reversed') return actionView(a);
  if (a.state !== 'executed' && a.state !== 'approved') throw stateError(a, 'reverse', ['executed', 'approved']);
  const now = ctx.now();
  const revoked = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await transitionAction(trx, id, a.state, { state: 'reversed', reversedAt: now, updatedAt: now }))) throw stateError(a, 'reverse', ['executed', 'approved']);
    const ids = (await listBlockEntriesBySource(trx, { actionId: id })).map((e) => e.id);
    const done = await revokeBlockEntries(trx, ids, now);
    if (a.caseId) await insertCaseNote(trx, { caseId: a.caseId, kind: 'action', author: by, body: `Reversed ${a.kind} ${a.id}: ${reason}`, at: now });
    await enqueueWebhookEvent(trx, now, 'action.reversed', `action.reversed:${id}`, { action: { ...actionView(a), state: 'reversed', reversedAt: iso(now) }, reason });
    return done;
  });
  await publish(ctx, revoked.map((rid) => ({ op: 'revoke' as const, id: rid, revokedAt: now })));
  if (a.state === 'executed' && enforcedVerb(a.kind) && a.kind !== 'warn') await recordEnforcementEvents(ctx, a, 'reinstate', (a.plan as ActionPlan).accounts, now);
  await audit(ctx, { actor: by, action: 'action.reversed', target: { type: 'action', id }, reason, details: { revokedEntries: revoked.length, wasExecuted: a.state === 'executed' } });
  return actionView(await getActionOrThrow(ctx, id));
}

/**
 * The scheduler's work on actions: execute approved actions whose time has come, and mark
 * executed actions whose expiry passed (their entries already stop applying at `expiresAt`;
 * gateways judge expiry themselves). Returns how many of each.
 */
export async function runDueActions(ctx: CasesContext): Promise<{ executed: number; expired: number }> {
  const now = ctx.now();
  let executed = 0;
  let expired = 0;
  for (const a of await listDueActions(ctx.database.db, now)) {
    try {
      if ((await executeAction(ctx, a.id)).state === 'executed') executed++;
    } catch (err) {
      ctx.logger?.error({ err, action: a.id }, 'scheduled action failed; retried next tick');
    }
  }
  for (const a of await listExpiredActions(ctx.database.db, now)) {
    const moved = await ctx.database.db.transaction().execute(async (trx) => {
      if (!(await transitionAction(trx, a.id, 'executed', { state: 'expired', updatedAt: now }))) return false;
      await enqueueWebhookEvent(trx, now, 'action.expired', `action.expired:${a.id}`, { action: { ...actionView(a), state: 'expired' } });
      return true;
    });
    if (!moved) continue;
    expired++;
    if (a.kind === 'suspend') await recordEnforcementEvents(ctx, a, 'reinstate', (a.plan as ActionPlan).accounts, now);
    await audit(ctx, { actor: 'system:scheduler', action: 'action.expired', target: { type: 'action', id: a.id } });
  }
  return { executed, expired };
}
