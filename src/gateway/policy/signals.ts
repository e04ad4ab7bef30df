import { extractIndicators, type TextIndicator } from '../../content/index.js';
import type { BlockEffect, BlockHit, BlockKind, BlockProbe } from '../../enforcement/index.js';
import type { EventObservables } from '../../intel/index.js';
import { domainSkeleton, localPartStem } from '../../linkage/index.js';
import type { ReasonCode } from './codes.js';
import type { Collector, PolicyContext } from './context.js';
import type { RequestFacts } from './decision.types.js';
import type { ContentRule, GatewayPolicy, PolicyAction } from './policy.schema.js';
import { retryAfter, scopeKey } from './rates.js';

/** More values than this about one account are ignored: a bound on work per request. */
export const MAX_ACCOUNT_VALUES = 256;
/** Block entry values are at most 512 characters, so a longer probe can never match. */
const MAX_PROBE_CHARS = 512;

const codeOfIdentity: Partial<Record<BlockKind, ReasonCode>> = {
  account: 'WARDEN_BANNED_ACCOUNT',
  org: 'WARDEN_BANNED_ORG',
  'api-key': 'WARDEN_BANNED_KEY',
  'end-user': 'WARDEN_BANNED_END_USER',
};

const actionOfEffect: Record<Exclude<BlockEffect, 'throttle'>, PolicyAction> = { block: 'block', delay: 'delay', degrade: 'degrade', flag: 'flag' };

/**
 * The email patterns a network ban writes (src/cases, from linkage): the local-part stem and the
 * look-alike domain skeleton, so `k.tanaka87@examp1e.org` meets a ban on `ktanaka@example.org`.
 */
function emailPatternsOf(email: string): string[] {
  const out: string[] = [];
  const stem = localPartStem(email);
  if (stem) out.push(`stem:${stem}`);
  const at = email.lastIndexOf('@');
  if (at > 0 && at < email.length - 1) out.push(`domain:${domainSkeleton(email.slice(at + 1).toLowerCase())}`);
  return out;
}

/**
 * The probes of one request: its identity first, then the request's device and IP, then the
 * values known about the account (deduplicated, bounded), with the email patterns of its
 * mailboxes. End users are probed both bare and
 * scoped to the account (`acct_1/alice`), since end-user ids are only unique per API customer.
 */
export function probesOf(facts: RequestFacts): { probes: BlockProbe[]; identity: ReadonlySet<BlockProbe> } {
  const id = facts.identity;
  const out: BlockProbe[] = [{ kind: 'account', value: id.account }, { kind: 'api-key', value: id.keyId }];
  if (id.org) out.push({ kind: 'org', value: id.org });
  if (id.endUser) out.push({ kind: 'end-user', value: id.endUser }, { kind: 'end-user', value: `${id.account}/${id.endUser}` });
  const identity = new Set(out);
  if (id.device) out.push({ kind: 'device', value: id.device });
  if (id.ip) out.push({ kind: 'ip', value: id.ip });
  const seen = new Set(out.map((p) => `${p.kind}\u0000${p.value}`));
  let n = 0;
  for (const p of facts.accountValues) {
    if (n >= MAX_ACCOUNT_VALUES) break;
    n++;
    if (typeof p?.value !== 'string' || p.value.length === 0 || p.value.length > MAX_PROBE_CHARS) continue;
    const key = `${p.kind}\u0000${p.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: p.kind, value: p.value });
    if (p.kind === 'email') for (const pattern of emailPatternsOf(p.value)) if (!seen.has(`email-pattern\u0000${pattern}`)) {
      seen.add(`email-pattern\u0000${pattern}`);
      out.push({ kind: 'email-pattern', value: pattern });
    }
  }
  return { probes: out.filter((p) => p.value.length > 0 && p.value.length <= MAX_PROBE_CHARS), identity };
}

/** The entry's own reason, shortened, for the decision's detail. */
function why(reason: string): string {
  const r = reason.trim();
  return r === '' ? '' : `: ${r.length > 200 ? `${r.slice(0, 200)}…` : r}`;
}

/** The action or case an entry belongs to, when it names one. */
function originOf(hit: BlockHit): string | undefined {
  const s = hit.entry.source;
  return s.caseId !== undefined ? `case:${s.caseId}` : s.actionId !== undefined ? `action:${s.actionId}` : undefined;
}

/**
 * Bans and ban evasion from the blocklist. A hit through the requester's own identity is a ban.
 * A hit through another value (device, IP, card, mailbox…) on an entry that an action or case
 * created is evasion when none of the requester's own identity entries share that origin: the
 * value was banned for some other account or network, and this account carries it.
 */
export function banSignals(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  if (!policy.bans.enabled && !policy.evasion.enabled) return;
  if (ctx.blocklist.size === 0) return;
  const { probes, identity } = probesOf(facts);
  const hits = ctx.blocklist.match(probes, facts.nowMs);
  if (hits.length === 0) return;
  out.hits.push(...hits);
  // Identity probes are told apart by reference: the blocklist hands back the probe objects it was given.
  // Shadow entries never decide whose ban a value is, or they would change what is enforced.
  const ownOrigins = new Set<string>();
  for (const h of hits) if (identity.has(h.probe) && !h.entry.shadow) ownOrigins.add(originOf(h) ?? `entry:${h.entry.id}`);
  const throttles: { hit: BlockHit; shadow: boolean }[] = [];
  for (const h of hits) {
    const e = h.entry;
    const origin = originOf(h);
    const isEvasion = !identity.has(h.probe) && origin !== undefined && !ownOrigins.has(origin);
    const section = isEvasion ? policy.evasion : policy.bans;
    if (!section.enabled) continue;
    const shadow = e.shadow || section.shadow;
    const refs = { blockEntries: [e.id] };
    if (e.effect === 'throttle' && !(isEvasion && policy.evasion.blocklistAction !== 'entry')) {
      throttles.push({ hit: h, shadow });
      continue;
    }
    if (isEvasion) {
      const action = policy.evasion.blocklistAction === 'entry' ? actionOfEffect[e.effect as Exclude<BlockEffect, 'throttle'>] : policy.evasion.blocklistAction;
      out.fired.push({
        code: 'WARDEN_BAN_EVASION',
        action,
        shadow,
        detail: `this account's ${h.probe.kind} is banned for another account or network (${origin})${why(e.reason)}`,
        rule: 'evasion.blocklistAction',
        refs,
      });
      continue;
    }
    out.fired.push({
      code: (identity.has(h.probe) ? codeOfIdentity[h.probe.kind] : undefined) ?? 'WARDEN_BANNED_NETWORK',
      action: actionOfEffect[e.effect as Exclude<BlockEffect, 'throttle'>],
      shadow,
      detail: `${h.probe.kind} matches block entry ${e.id} (${e.kind})${why(e.reason)}`,
      rule: 'bans',
      refs,
    });
  }
  if (throttles.length > 0) throttleSignal(facts, ctx, policy, throttles.find((t) => !t.shadow) ?? throttles[0]!, out);
}

/**
 * Entries with effect `throttle` hold the account to `bans.throttle`: one counter per account,
 * however many entries match. An enforced entry counts the request; a shadow one only peeks, so
 * recording a would-be throttle never uses up the account's allowance.
 */
function throttleSignal(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, t: { hit: BlockHit; shadow: boolean }, out: Collector): void {
  const { limit, windowS } = policy.bans.throttle;
  const key = `thr:${scopeKey('account', facts)}`;
  const total = t.shadow ? ctx.counters.peek(key, windowS * 1000, facts.nowMs) + 1 : ctx.counters.hit(key, windowS * 1000, facts.nowMs);
  const over = total > limit;
  out.fired.push({
    code: 'WARDEN_THROTTLED',
    action: over ? 'block' : 'flag',
    shadow: t.shadow,
    detail: `${t.hit.probe.kind} is held to ${limit} requests per ${windowS} s by entry ${t.hit.entry.id}${over ? '; the window is full' : ''}`,
    rule: 'bans.throttle',
    refs: { blockEntries: [t.hit.entry.id] },
    ...(over ? { status: 429 as const, retryAfterS: retryAfter(total, limit, windowS) } : {}),
  });
}

/** Ban evasion found by the pipeline's linkage screening (an actioned account's device, card, mailbox…). */
export function screenSignal(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  if (!ctx.evasion || !policy.evasion.enabled) return;
  const found = ctx.evasion.screen(facts.identity.account, facts.accountValues.slice(0, MAX_ACCOUNT_VALUES), facts.nowMs);
  if (!found) return;
  out.fired.push({
    code: 'WARDEN_BAN_EVASION',
    action: policy.evasion.screenAction,
    shadow: policy.evasion.shadow,
    detail: `shares a ${found.via} with account ${found.actionedAccount}, actioned before this request`,
    rule: 'evasion.screenAction',
  });
}

/** Longest piece of prompt handed to the indicator extractor at once; see `indicatorsInText`. */
export const TEXT_CHUNK_CHARS = 256;

/**
 * Indicators named in the first `maxChars` of a prompt, read in pieces of at most
 * `TEXT_CHUNK_CHARS` cut at whitespace. Why pieces: the extractor's defang-aware patterns cost
 * more than linear time on hostile text (measured: `a(.)` repeated over 2,048 characters takes
 * ~5 ms, over 16k characters hundreds of ms), and a request's decision has a budget of a few ms.
 * Pieces keep the cost linear in the prompt; an indicator is whitespace-free, so cutting at
 * whitespace loses none, except in a run of more than `TEXT_CHUNK_CHARS` without any.
 */
export function indicatorsInText(text: string, maxChars: number): TextIndicator[] {
  const end = Math.min(text.length, maxChars);
  if (end <= TEXT_CHUNK_CHARS) return extractIndicators(end === text.length ? text : text.slice(0, end));
  const out: TextIndicator[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < end; ) {
    let stop = Math.min(end, start + TEXT_CHUNK_CHARS);
    if (stop < end) {
      let ws = stop;
      while (ws > start + TEXT_CHUNK_CHARS / 2 && !/\s/.test(text[ws - 1] as string)) ws--;
      if (ws > start + TEXT_CHUNK_CHARS / 2) stop = ws;
    }
    for (const t of extractIndicators(text.slice(start, stop))) {
      const key = `${t.kind}\u0000${t.value}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(t);
      }
    }
    start = stop;
  }
  return out;
}

/** The observables of a request for the intel matcher: identity, first known email/payment, prompt indicators. */
function observablesOf(facts: RequestFacts, policy: GatewayPolicy): EventObservables {
  const o: { -readonly [K in keyof EventObservables]: EventObservables[K] } = { account: facts.identity.account };
  if (facts.identity.ip) o.ip = facts.identity.ip;
  if (facts.identity.device) o.device = facts.identity.device;
  if (facts.identity.userAgent) o.userAgent = facts.identity.userAgent;
  for (const p of facts.accountValues.slice(0, MAX_ACCOUNT_VALUES)) {
    if (p.kind === 'email' && !o.email) {
      o.email = p.value;
      const at = p.value.lastIndexOf('@');
      if (at > 0) o.emailDomain = p.value.slice(at + 1);
    } else if (p.kind === 'payment' && !o.payment) o.payment = p.value;
    else if (p.kind === 'device' && !o.device) o.device = p.value;
  }
  if (policy.intel.text.enabled && facts.text) {
    const found = indicatorsInText(facts.text, policy.intel.text.maxChars);
    if (found.length > 0) o.text = found;
  }
  return o;
}

/** Indicator matches judged at the request's time; only the specificities the policy names act. */
export function intelSignals(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  const p = policy.intel;
  if (!ctx.intel || !p.enabled) return;
  const outcome = ctx.intel.match(observablesOf(facts, policy), facts.nowMs);
  if (outcome.matches.length === 0) return;
  const actorActions = new Map<string, PolicyAction>();
  for (const [name, action] of Object.entries(p.actors)) actorActions.set(name.toLowerCase(), action);
  for (const m of outcome.matches) {
    if (!p.specificity.includes(m.specificity)) continue;
    if (m.confidence !== null && m.confidence < p.minConfidence) continue;
    const inText = m.field.startsWith('prompt:');
    let action: PolicyAction = inText ? p.text.action : m.actors.length > 0 ? p.actorAction : p.action;
    let named: string | undefined;
    for (const a of m.actors) {
      for (const n of [a.stixId, a.name, ...a.aliases]) {
        const override = actorActions.get(n.toLowerCase());
        if (override !== undefined) {
          action = override;
          named = n;
          break;
        }
      }
      if (named) break;
    }
    const actors = m.actors.map((a) => a.name).join(', ');
    out.fired.push({
      code: inText ? 'WARDEN_INTEL_TEXT' : m.actors.length > 0 ? 'WARDEN_INTEL_ACTOR' : 'WARDEN_INTEL_MATCH',
      action,
      shadow: p.shadow,
      detail: `${m.field} matches indicator ${m.indicatorId}${actors ? ` (${actors})` : ''}${m.confidence !== null ? `, confidence ${m.confidence}` : ''}`,
      rule: named ? `intel.actors.${named}` : inText ? 'intel.text.action' : m.actors.length > 0 ? 'intel.actorAction' : 'intel.action',
      refs: { indicators: [m.indicatorId] },
    });
  }
}

const rank: Record<PolicyAction, number> = { allow: 0, flag: 1, degrade: 2, delay: 3, block: 4 };

/** The strongest rule of a list that the score reaches, with its index. */
function strongestRule(rules: readonly ContentRule[], score: number, shadow: boolean): [ContentRule, number] | undefined {
  let best: [ContentRule, number] | undefined;
  rules.forEach((r, i) => {
    if (r.shadow !== shadow || score < r.minScore) return;
    if (!best || rank[r.action] > rank[best[0].action]) best = [r, i];
  });
  return best;
}

/** The inline classifier: the TTP's rules (or the default ones) against the calibrated score. */
export function contentSignal(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  const p = policy.content;
  if (!ctx.content || !p.enabled || !facts.text) return;
  const v = ctx.content.classify(facts.text);
  const ttpRules = v.ttp !== null ? p.ttps[v.ttp] : undefined;
  const rules = ttpRules ?? p.default;
  const base = ttpRules ? `content.ttps.${v.ttp}` : 'content.default';
  for (const shadowRules of [false, true]) {
    const hit = strongestRule(rules, v.score, shadowRules);
    if (!hit || hit[0].action === 'allow') continue;
    out.fired.push({
      code: 'WARDEN_CONTENT_TTP',
      action: hit[0].action,
      shadow: shadowRules || p.shadow,
      detail: `prompt scored ${v.score} for ${v.ttp ?? 'no TTP'} (rule threshold ${hit[0].minScore})`,
      rule: `${base}[${hit[1]}]`,
      refs: { ...(v.ttp !== null ? { ttp: v.ttp } : {}), score: v.score },
    });
  }
}

export { rank as actionRank };
