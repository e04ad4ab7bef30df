import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors/index.js';
import {
  findCaseById,
  findCaseByKey,
  findCasesOfAccount,
  insertCase,
  insertCaseNote,
  listCaseNotes,
  listCases,
  listDisposedCases,
  updateCaseIfVersion,
  type DB,
  type StoredCase,
  type StoredCaseNote,
} from '../store/index.js';
import { caseTransitions, canTransition, type CaseState, type CaseUpdate, type CaseView, type Disposition } from './case.schema.js';
import { audit, iso, type CasesContext } from './context.js';
import { draftCases, type CaseSnapshot } from './snapshot.js';
import { enqueueWebhookEvent } from './webhooks.service.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The API's view of a stored case. */
export function caseView(c: StoredCase): CaseView {
  return {
    id: c.id,
    key: c.key,
    title: c.title,
    state: c.state as CaseState,
    priority: c.priority as CaseView['priority'],
    assignee: c.assignee,
    tags: c.tags,
    dueAt: iso(c.dueAt),
    disposition: c.disposition as Disposition | null,
    networkId: c.networkId,
    accounts: c.accounts,
    actor: (c.actor as CaseView['actor']) ?? null,
    score: c.score,
    version: c.version,
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
  };
}

/** What a sync did. */
export interface SyncOutcome {
  opened: string[];
  updated: string[];
  unchanged: number;
}

/**
 * Opens or updates one case per detection in the report (`draftCases`): a new network or lone
 * account opens a case in `new`; new evidence for a known one updates its snapshot (and reopens
 * it if it was closed and gained accounts), never a second case. Each case is written in its own
 * transaction with its webhook, so one bad row does not hold back the rest.
 */
export async function syncCasesFromReport(ctx: CasesContext, report: Parameters<typeof draftCases>[0]): Promise<SyncOutcome> {
  const out: SyncOutcome = { opened: [], updated: [], unchanged: 0 };
  const db = ctx.database.db;
  for (const d of draftCases(report)) {
    const now = ctx.now();
    const existing = await findCaseByKey(db, d.key);
    if (!existing) {
      const c: StoredCase = {
        id: `case_${randomUUID()}`,
        key: d.key,
        title: d.title,
        state: 'new',
        priority: d.priority,
        assignee: null,
        tags: [],
        dueAt: null,
        disposition: null,
        networkId: d.networkId,
        accounts: d.accounts,
        actor: d.actor,
        score: d.score,
        snapshot: d.snapshot,
        evidenceHash: d.evidenceHash,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await db.transaction().execute(async (trx) => {
        if (await findCaseByKey(trx, d.key)) return false; // another replica opened it meanwhile
        await insertCase(trx, c);
        await insertCaseNote(trx, { caseId: c.id, kind: 'system', author: 'system:cases', body: `Opened from detection: ${d.title}`, at: now });
        await enqueueWebhookEvent(trx, now, 'case.opened', `case.opened:${c.id}`, { case: caseView(c) });
        return true;
      });
      if (inserted) {
        out.opened.push(c.id);
        await audit(ctx, { actor: 'system:cases', action: 'case.opened', target: { type: 'case', id: c.id }, details: { key: c.key, accounts: c.accounts.length } });
      }
      continue;
    }
    if (existing.evidenceHash === d.evidenceHash) {
      out.unchanged++;
      continue;
    }
    const added = d.accounts.filter((a) => !existing.accounts.includes(a));
    const reopen = existing.state === 'closed' && added.length > 0;
    const next: StoredCase = {
      ...existing,
      title: d.title,
      accounts: d.accounts,
      actor: d.actor,
      score: d.score,
      snapshot: d.snapshot,
      evidenceHash: d.evidenceHash,
      state: reopen ? 'reopened' : existing.state,
      version: existing.version + 1,
      updatedAt: now,
    };
    const ok = await db.transaction().execute(async (trx) => {
      if (!(await updateCaseIfVersion(trx, next, existing.version))) return false;
      const body = `New evidence${added.length ? `: ${added.length} new account(s) ${added.slice(0, 20).join(', ')}` : ''}${reopen ? '; case reopened' : ''}`;
      await insertCaseNote(trx, { caseId: existing.id, kind: 'system', author: 'system:cases', body, at: now });
      await enqueueWebhookEvent(trx, now, reopen ? 'case.reopened' : 'case.updated', `case.evidence:${existing.id}:${next.version}`, { case: caseView(next), added });
      return true;
    });
    if (ok) {
      out.updated.push(existing.id);
      await audit(ctx, { actor: 'system:cases', action: 'case.evidence_updated', target: { type: 'case', id: existing.id }, details: { added, reopened: reopen } });
    }
  }
  return out;
}

export async function getCaseOrThrow(db: Db, id: string): Promise<StoredCase> {
  const c = await findCaseById(db, id);
  if (!c) throw new AppError('CASE_NOT_FOUND', `No case "${id}"; list cases with GET /api/v1/cases.`, { details: { id } });
  return c;
}

/** A case with its evidence snapshot and timeline. */
export async function getCaseDetail(ctx: CasesContext, id: string): Promise<{ case: CaseView; snapshot: CaseSnapshot; notes: StoredCaseNote[] }> {
  const c = await getCaseOrThrow(ctx.database.db, id);
  return { case: caseView(c), snapshot: c.snapshot as CaseSnapshot, notes: await listCaseNotes(ctx.database.db, id) };
}

export async function listCaseViews(
  ctx: CasesContext,
  f: { state?: string; assignee?: string; disposition?: string; limit: number; before?: number },
): Promise<{ cases: CaseView[]; next: number | null }> {
  const r = await listCases(ctx.database.db, f);
  return { cases: r.cases.map(caseView), next: r.next };
}

function conflict(current: StoredCase, sent: number): AppError {
  return new AppError(
    'CASE_VERSION_CONFLICT',
    `Case ${current.id} is at version ${current.version}, not ${sent}: someone changed it since you read it. Re-read it and send version ${current.version}.`,
    { details: { currentVersion: current.version, sentVersion: sent } },
  );
}

/**
 * Applies an analyst's update if `version` is still current (optimistic concurrency: a stale
 * version is a 409 naming the current one). State changes follow `caseTransitions`.
 */
export async function updateCase(ctx: CasesContext, id: string, u: CaseUpdate & { version: number }, by: string): Promise<CaseView> {
  const db = ctx.database.db;
  const now = ctx.now();
  const result = await db.transaction().execute(async (trx) => {
    const c = await getCaseOrThrow(trx, id);
    if (c.version !== u.version) throw conflict(c, u.version);
    const from = c.state as CaseState;
    if (u.state !== undefined && u.state !== from && !canTransition(from, u.state))
      throw new AppError('CASE_TRANSITION_INVALID', `A case in "${from}" cannot move to "${u.state}"; it can move to ${caseTransitions[from].join(', ')}.`, {
        details: { from, to: u.state, allowed: caseTransitions[from] },
      });
    const next: StoredCase = {
      ...c,
      ...(u.state !== undefined ? { state: u.state } : {}),
      ...(u.assignee !== undefined ? { assignee: u.assignee } : {}),
      ...(u.priority !== undefined ? { priority: u.priority } : {}),
      ...(u.tags !== undefined ? { tags: [...new Set(u.tags)] } : {}),
      ...(u.dueAt !== undefined ? { dueAt: u.dueAt === null ? null : Date.parse(u.dueAt) } : {}),
      ...(u.disposition !== undefined ? { disposition: u.disposition } : {}),
      version: c.version + 1,
      updatedAt: now,
    };
    if (!(await updateCaseIfVersion(trx, next, c.version))) throw conflict((await findCaseById(trx, id)) ?? c, u.version);
    const changed = (['state', 'assignee', 'priority', 'tags', 'dueAt', 'disposition'] as const).filter((k) => u[k] !== undefined);
    if (changed.length > 0) {
      const body = changed.map((k) => `${k}: ${JSON.stringify(c[k])} → ${JSON.stringify(next[k])}`).join('; ');
      await insertCaseNote(trx, { caseId: id, kind: 'change', author: by, body, at: now });
      await enqueueWebhookEvent(trx, now, 'case.updated', `case.updated:${id}:${next.version}`, { case: caseView(next), changed });
    }
    if (u.note) await insertCaseNote(trx, { caseId: id, kind: 'note', author: by, body: u.note, at: now });
    return { before: c, after: next, changed };
  });
  const { before, after, changed } = result;
  if (changed.includes('state'))
    await audit(ctx, { actor: by, action: 'case.state_changed', target: { type: 'case', id }, details: { from: before.state, to: after.state } });
  if (changed.includes('disposition'))
    await audit(ctx, { actor: by, action: 'case.decided', target: { type: 'case', id }, details: { disposition: after.disposition } });
  const other = changed.filter((k) => k !== 'state' && k !== 'disposition');
  if (other.length > 0 || u.note)
    await audit(ctx, { actor: by, action: 'case.updated', target: { type: 'case', id }, details: { fields: other, note: u.note !== undefined } });
  return caseView(after);
}

/**
 * Moves a case to `actioned` inside the caller's transaction when an action on it executes; the
 * version is bumped so an analyst editing the old state gets a conflict, not a silent overwrite.
 */
export async function markCaseActioned(trx: Db, caseId: string, actionId: string, nowMs: number): Promise<void> {
  const c = await findCaseById(trx, caseId);
  if (!c || c.state === 'actioned') return;
  const next: StoredCase = { ...c, state: 'actioned', version: c.version + 1, updatedAt: nowMs };
  if (await updateCaseIfVersion(trx, next, c.version))
    await insertCaseNote(trx, { caseId, kind: 'system', author: 'system:actions', body: `Action ${actionId} executed; case ${c.state} → actioned`, at: nowMs });
}

/**
 * An appeal: reopens the case that actioned the account (or the one named) with the
 * appellant's statement on its timeline, so an analyst reviews it again.
 */
export async function fileAppeal(
  ctx: CasesContext,
  input: { account: string; statement: string; caseId?: string | undefined },
  by: string,
): Promise<CaseView> {
  const db = ctx.database.db;
  const now = ctx.now();
  let target: StoredCase | undefined;
  if (input.caseId) {
    target = await getCaseOrThrow(db, input.caseId);
    if (!target.accounts.includes(input.account))
      throw new AppError('BAD_REQUEST', `Account "${input.account}" is not part of case ${input.caseId}.`, { details: { caseId: input.caseId } });
  } else {
    const cases = await findCasesOfAccount(db, input.account);
    target = cases.find((c) => c.state === 'actioned') ?? cases[cases.length - 1];
    if (!target) throw new AppError('CASE_NOT_FOUND', `No case involves account "${input.account}"; an appeal reopens the case that actioned it.`, { details: { account: input.account } });
  }
  const id = target.id;
  const after = await db.transaction().execute(async (trx) => {
    const c = await getCaseOrThrow(trx, id);
    const reopen = c.state !== 'reopened' && canTransition(c.state as CaseState, 'reopened');
    const next: StoredCase = { ...c, state: reopen ? 'reopened' : c.state, version: c.version + 1, updatedAt: now };
    if (!(await updateCaseIfVersion(trx, next, c.version))) throw conflict((await findCaseById(trx, id)) ?? c, c.version);
    await insertCaseNote(trx, { caseId: id, kind: 'appeal', author: by, body: `Appeal for ${input.account}: ${input.statement}`, at: now });
    await enqueueWebhookEvent(trx, now, 'case.reopened', `case.appeal:${id}:${next.version}`, { case: caseView(next), appeal: { account: input.account } });
    return next;
  });
  await audit(ctx, { actor: by, action: 'case.appealed', target: { type: 'case', id }, details: { account: input.account, state: after.state } });
  return caseView(after);
}

/** Precision of one rule or detector as analysts judged it. */
export interface PrecisionRow {
  rule: string;
  truePositives: number;
  falsePositives: number;
  /** TP / (TP + FP); null when nothing has been judged yet. */
  precision: number | null;
}

/**
 * Measured precision per `ruleId@version` and per detector (all versions): every case disposed
 * as a true or false positive counts once for each rule whose evidence it carried. Other
 * dispositions (benign-but-suspicious, duplicate) are reported but not counted.
 */
export async function measurePrecision(ctx: CasesContext): Promise<{ cases: number; judged: number; rules: PrecisionRow[]; detectors: PrecisionRow[] }> {
  const cases = await listDisposedCases(ctx.database.db);
  const rules = new Map<string, { tp: number; fp: number }>();
  const detectors = new Map<string, { tp: number; fp: number }>();
  let judged = 0;
  for (const c of cases) {
    const tp = c.disposition === 'true-positive';
    if (!tp && c.disposition !== 'false-positive') continue;
    judged++;
    const ruleSet = new Set((c.snapshot as CaseSnapshot).refs?.rules ?? []);
    for (const [map, keys] of [
      [rules, ruleSet],
      [detectors, new Set([...ruleSet].map((r) => r.split('@')[0]!))],
    ] as const) {
      for (const k of keys) {
        const row = map.get(k) ?? { tp: 0, fp: 0 };
        if (tp) row.tp++;
        else row.fp++;
        map.set(k, row);
      }
    }
  }
  const rows = (m: Map<string, { tp: number; fp: number }>): PrecisionRow[] =>
    [...m]
      .map(([rule, { tp, fp }]) => ({ rule, truePositives: tp, falsePositives: fp, precision: tp + fp === 0 ? null : tp / (tp + fp) }))
      .sort((a, b) => a.rule.localeCompare(b.rule));
  return { cases: cases.length, judged, rules: rows(rules), detectors: rows(detectors) };
}
