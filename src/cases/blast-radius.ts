import { z } from 'zod';
import type { BlockEffect, BlockKind } from '../enforcement/index.js';
import { AppError } from '../errors/index.js';
import { parseIpNetwork } from '../intel/index.js';
import { domainSkeleton, localPartStem } from '../linkage/index.js';
import { findAccountsByEntity, findCaseByKey, findCasesOfAccount, findEmailValuesLike, findEntitiesOfAccount, findEntity } from '../store/index.js';
import type { CasesContext } from './context.js';

export const actionKinds = ['warn', 'throttle', 'degrade', 'suspend', 'terminate', 'network-ban'] as const;
export type ActionKind = (typeof actionKinds)[number];
export const targetTypes = ['account', 'org', 'end-user', 'network'] as const;
export type TargetType = (typeof targetTypes)[number];

/** What the gateway does for each kind of action. */
export const effectOf: Readonly<Record<ActionKind, BlockEffect>> = {
  warn: 'flag',
  throttle: 'throttle',
  degrade: 'degrade',
  suspend: 'block',
  terminate: 'block',
  'network-ban': 'block',
};

/** The request to preview or propose an action. */
export const actionTargetSchema = z
  .object({
    targetType: z.enum(targetTypes),
    targetId: z.string().trim().min(1).max(128),
    kind: z.enum(actionKinds),
    /** Hub values (`kind:value`) to ban anyway, or `all`; unconfirmed hubs are skipped. */
    confirmHubs: z.union([z.literal('all'), z.array(z.string().min(1).max(600)).max(1000)]).optional(),
  })
  .strict();
export type ActionTarget = z.infer<typeof actionTargetSchema>;

/** One value the action would put on the blocklist, and who else uses it. */
export interface PlannedEntry {
  kind: BlockKind;
  value: string;
  effect: BlockEffect;
  /** Accounts outside the target that use this value (counted up to the lookup cap). */
  outsideAccounts: number;
  /** Why the value is a hub (shared widely, cloud/VPN/webmail), or null. */
  hub: string | null;
  /** False for an unconfirmed hub: the ban skips it. */
  included: boolean;
}

/** An account outside the target that shares a value the action touches: possibly an honest user. */
export interface Collateral {
  account: string;
  verdict: 'malicious' | 'suspicious' | null;
  score: number | null;
  shares: { kind: BlockKind; value: string }[];
  /** True when an included entry catches it (it will be refused); false when only a skipped hub does. */
  affected: boolean;
}

/** The blast radius: exactly what an action will touch. */
export interface ActionPlan {
  targetType: TargetType;
  targetId: string;
  kind: ActionKind;
  caseId: string | null;
  accounts: string[];
  entries: PlannedEntry[];
  collateral: Collateral[];
  collateralTotal: number;
  warnings: string[];
}

const LOOKUP_CAP = 1000;
const COLLATERAL_CAP = 500;

/** Entity types of the store → block kinds a network ban uses for them. */
const infraKinds: Partial<Record<string, BlockKind>> = {
  device: 'device',
  payment: 'payment',
  ip: 'ip',
  ip_prefix: 'cidr',
  phone: 'phone',
  api_key: 'api-key',
  end_user: 'end-user',
};

/** Resolves the target to its accounts and case, or throws a 404 naming it. */
async function resolveTarget(ctx: CasesContext, t: ActionTarget): Promise<{ accounts: string[]; caseId: string | null }> {
  const db = ctx.database.db;
  const missing = (what: string) =>
    new AppError('ACTION_TARGET_NOT_FOUND', `No ${what} "${t.targetId}" is known to Warden; check the id (events must have been ingested for it).`, {
      details: { targetType: t.targetType, targetId: t.targetId },
    });
  if (t.kind === 'network-ban' && t.targetType !== 'network')
    throw new AppError('BAD_REQUEST', 'A network ban targets a network (targetType "network"); for one account use suspend or terminate.');
  switch (t.targetType) {
    case 'network': {
      const c = await findCaseByKey(db, `network:${t.targetId}`);
      if (c) return { accounts: c.accounts, caseId: c.id };
      const n = ctx.analysis?.report(new Date(ctx.now()).toISOString()).networks.find((x) => x.id === t.targetId);
      if (n) return { accounts: [...n.accounts].sort(), caseId: null };
      throw missing('network');
    }
    case 'account': {
      const cases = await findCasesOfAccount(db, t.targetId);
      if (cases.length === 0 && !(await findEntity(db, 'account', t.targetId))) throw missing('account');
      return { accounts: [t.targetId], caseId: cases.find((c) => c.key === `account:${t.targetId}`)?.id ?? cases[0]?.id ?? null };
    }
    case 'org':
    case 'end-user': {
      const type = t.targetType === 'org' ? 'org' : 'end_user';
      if (!(await findEntity(db, type, t.targetId))) throw missing(t.targetType);
      return { accounts: (await findAccountsByEntity(db, type, t.targetId, LOOKUP_CAP)).map((a) => a.account).sort(), caseId: null };
    }
  }
}

function hubReason(ctx: CasesContext, kind: BlockKind, value: string, outside: number): string | null {
  if (outside >= ctx.config.hubAccounts) return `used by ${outside}${outside >= LOOKUP_CAP ? '+' : ''} accounts outside the target`;
  const wl = ctx.warninglists;
  if (!wl) return null;
  if (kind === 'ip' || kind === 'cidr') {
    const net = parseIpNetwork(value);
    const hit = net ? wl.checkIp(net) : null;
    if (hit) return `on warninglist ${hit.list}`;
  }
  if (kind === 'email-pattern' && value.startsWith('domain:')) return null;
  return null;
}

/**
 * Works out exactly what an action will touch: the accounts, every value it will put on the
 * blocklist, which of those are hubs (shared widely, cloud/VPN ranges, webmail domains: skipped
 * unless confirmed), and every outside account that shares a value — with its verdict, so an
 * analyst sees which honest users a ban would hit before anyone acts. Read-only.
 */
export async function previewAction(ctx: CasesContext, t: ActionTarget): Promise<ActionPlan> {
  const db = ctx.database.db;
  const { accounts, caseId } = await resolveTarget(ctx, t);
  const effect = effectOf[t.kind];
  const members = new Set(accounts);
  const confirmed = t.confirmHubs === 'all' ? 'all' : new Set(t.confirmHubs ?? []);
  const entries: PlannedEntry[] = [];
  const sharers = new Map<string, { kind: BlockKind; value: string; included: boolean }[]>();
  const warnings: string[] = [];
  const seen = new Set<string>();

  const consider = (kind: BlockKind, value: string, outside: string[], forcedHub: string | null = null) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    const hub = forcedHub ?? hubReason(ctx, kind, value, outside.length);
    const included = hub === null || confirmed === 'all' || confirmed.has(key);
    entries.push({ kind, value, effect, outsideAccounts: outside.length, hub, included });
    for (const a of outside) {
      const list = sharers.get(a) ?? [];
      list.push({ kind, value, included });
      sharers.set(a, list);
    }
  };
  const outsideOf = async (type: string, value: string) =>
    (await findAccountsByEntity(db, type, value, LOOKUP_CAP)).map((r) => r.account).filter((a) => !members.has(a));

  if (t.targetType === 'org') consider('org', t.targetId, [], null);
  else if (t.targetType === 'end-user') consider('end-user', t.targetId, [], null);
  for (const a of accounts) consider('account', a, []);

  if (t.kind === 'network-ban') {
    for (const a of accounts) {
      for (const e of await findEntitiesOfAccount(db, a)) {
        const kind = infraKinds[e.type];
        if (kind) {
          if (seen.has(`${kind}:${e.value}`)) continue;
          consider(kind, e.value, await outsideOf(e.type, e.value));
        } else if (e.type === 'email') {
          if (!seen.has(`email:${e.value}`)) consider('email', e.value, await outsideOf('email', e.value));
          const stem = localPartStem(e.value);
          if (stem && !seen.has(`email-pattern:stem:${stem}`)) {
            // A superset by LIKE (letters in order), then the exact stem: existing users the pattern would catch.
            const like = `%${[...stem].join('%')}%@%`;
            const values = (await findEmailValuesLike(db, like, LOOKUP_CAP)).filter((v) => localPartStem(v) === stem);
            const outside = new Set<string>();
            for (const v of values) for (const o of await outsideOf('email', v)) outside.add(o);
            consider('email-pattern', `stem:${stem}`, [...outside]);
          }
        } else if (e.type === 'email_domain') {
          const skeleton = domainSkeleton(e.value);
          if (seen.has(`email-pattern:domain:${skeleton}`)) continue;
          const webmail = ctx.warninglists?.checkDomain(e.value);
          consider('email-pattern', `domain:${skeleton}`, await outsideOf('email_domain', e.value), webmail ? `on warninglist ${webmail.list}` : null);
        }
      }
    }
    if (accounts.length > 0 && entries.length === accounts.length)
      warnings.push('No infrastructure of the network is in the entity index; only its accounts will be banned.');
  }

  const verdicts = new Map((ctx.analysis?.report(new Date(ctx.now()).toISOString()).accounts ?? []).map((a) => [a.account, a]));
  const collateral: Collateral[] = [...sharers]
    .map(([account, shares]) => {
      const v = verdicts.get(account);
      return {
        account,
        verdict: v?.verdict ?? null,
        score: v?.score ?? null,
        shares: shares.map(({ kind, value }) => ({ kind, value })),
        affected: shares.some((s) => s.included),
      };
    })
    .sort((a, b) => Number(b.affected) - Number(a.affected) || Number(a.verdict === null) - Number(b.verdict === null) || a.account.localeCompare(b.account));
  const hubs = entries.filter((e) => e.hub !== null);
  const skipped = hubs.filter((e) => !e.included);
  if (skipped.length > 0) warnings.push(`${skipped.length} hub value(s) skipped; confirm them by kind:value (or "all") to ban them anyway.`);
  const honest = collateral.filter((c) => c.affected && c.verdict === null).length;
  if (honest > 0) warnings.push(`${honest} account(s) with no verdict share a value the ban includes and would be refused too.`);
  if (!ctx.analysis) warnings.push('The live pipeline is not running here: outside accounts are listed without verdicts.');
  return {
    targetType: t.targetType,
    targetId: t.targetId,
    kind: t.kind,
    caseId,
    accounts,
    entries,
    collateral: collateral.slice(0, COLLATERAL_CAP),
    collateralTotal: collateral.length,
    warnings,
  };
}
