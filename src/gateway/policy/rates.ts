import { createHash } from 'node:crypto';
import type { Collector, PolicyContext } from './context.js';
import type { RequestFacts } from './decision.types.js';
import type { WindowCounters } from './counters.types.js';
import type { GatewayPolicy, RateLimitRule, RateScope, VelocityRule } from './policy.schema.js';

/** Ids longer than this are hashed in counter keys, so a hostile end-user id cannot bloat the counters. */
const MAX_ID_CHARS = 128;

function compactId(id: string): string {
  return id.length <= MAX_ID_CHARS ? id : `#${createHash('sha256').update(id).digest('base64url')}`;
}

/**
 * The counter key of a scope for one request (`account:acct_1`, `end-user:acct_1/alice`…);
 * undefined when the request has no value for the scope (no end user, no IP). End users are
 * scoped to their account, since their ids are only unique per API customer.
 */
export function scopeKey(scope: RateScope, facts: RequestFacts): string | undefined {
  const id = facts.identity;
  switch (scope) {
    case 'account':
      return `account:${compactId(id.account)}`;
    case 'org':
      return id.org ? `org:${compactId(id.org)}` : undefined;
    case 'end-user':
      return id.endUser ? `end-user:${compactId(`${id.account}/${id.endUser}`)}` : undefined;
    case 'key':
      return `key:${compactId(id.keyId)}`;
    case 'ip':
      return id.ip ? `ip:${compactId(id.ip.toLowerCase())}` : undefined;
  }
}

/**
 * Seconds until enough of a full window has slid out, assuming hits spread evenly over it: an
 * estimate (the counters keep sums, not every hit), never below one second (RFC 9110 §10.2.3).
 */
export function retryAfter(total: number, limit: number, windowS: number): number {
  if (!(total > 0)) return 1;
  return Math.max(1, Math.ceil((windowS * Math.max(0, total - limit)) / total));
}

function appliesTo(rule: RateLimitRule, route: string): boolean {
  return rule.routes.length === 0 || rule.routes.some((r) => route.startsWith(r));
}

function routeWeight(rule: RateLimitRule, route: string): number {
  let best = -1;
  let weight = 1;
  // for…in: no array per rule per request on the hot path.
  for (const prefix in rule.routeWeights)
    if (prefix.length > best && route.startsWith(prefix)) {
      best = prefix.length;
      weight = rule.routeWeights[prefix] as number;
    }
  return weight;
}

/** Scope keys of one request, computed once however many rules share a scope. */
function scopeKeys(facts: RequestFacts): (scope: RateScope) => string | undefined {
  const memo: Partial<Record<RateScope, string | null>> = {};
  return (scope) => {
    let k = memo[scope];
    if (k === undefined) memo[scope] = k = scopeKey(scope, facts) ?? null;
    return k ?? undefined;
  };
}

/** What one request costs against a rule: its route's weight, times its estimated tokens for token limits. */
export function costOf(rule: RateLimitRule, facts: RequestFacts): number {
  const w = routeWeight(rule, facts.route);
  if (rule.cost === 'requests') return w;
  const t = facts.estimatedTokens;
  return w * (typeof t === 'number' && Number.isFinite(t) && t > 0 ? Math.min(t, 1e9) : 1);
}

/**
 * Rate limits: every rule that applies counts this request (shadow rules too: they must see the
 * same traffic to say what they would have done), and a full window fires the rule.
 */
export function rateSignals(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  const keyOf = scopeKeys(facts);
  for (const rule of policy.rateLimits) {
    if (!appliesTo(rule, facts.route)) continue;
    const key = keyOf(rule.scope);
    if (key === undefined) continue;
    const cost = costOf(rule, facts);
    if (cost === 0) continue;
    const total = ctx.counters.hit(`rl:${rule.id}:${key}`, rule.windowS * 1000, facts.nowMs, cost);
    if (total <= rule.limit) continue;
    out.fired.push({
      code: 'WARDEN_RATE_LIMITED',
      action: rule.action,
      shadow: rule.shadow,
      detail: `${rule.scope} over ${rule.limit} ${rule.cost} per ${rule.windowS} s`,
      rule: `rateLimits.${rule.id}`,
      status: 429,
      retryAfterS: retryAfter(total, rule.limit, rule.windowS),
    });
  }
}

const velocityKey = (rule: VelocityRule, key: string): string => `vel:${rule.id}:${key}`;

/** Velocity rules: how many flagged prompts or refusals the scope had in the window before this request. */
export function velocitySignals(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector): void {
  for (const rule of policy.velocity) {
    const key = scopeKey(rule.scope, facts);
    if (key === undefined) continue;
    const seen = ctx.counters.peek(velocityKey(rule, key), rule.windowS * 1000, facts.nowMs);
    if (seen <= rule.limit) continue;
    out.fired.push({
      code: 'WARDEN_VELOCITY',
      action: rule.action,
      shadow: rule.shadow,
      detail: `${rule.scope} had ${seen} ${rule.signal} requests in ${rule.windowS} s (limit ${rule.limit})`,
      rule: `velocity.${rule.id}`,
      status: 429,
      retryAfterS: retryAfter(seen, rule.limit, rule.windowS),
    });
  }
}

/** Counts one occurrence of a velocity signal for the request's scopes. */
export function countVelocity(signal: VelocityRule['signal'], facts: RequestFacts, counters: WindowCounters, policy: GatewayPolicy): void {
  for (const rule of policy.velocity) {
    if (rule.signal !== signal) continue;
    const key = scopeKey(rule.scope, facts);
    if (key !== undefined) counters.hit(velocityKey(rule, key), rule.windowS * 1000, facts.nowMs);
  }
}

/**
 * What the proxy learned after forwarding: an upstream refusal counts towards the `refused`
 * velocity rules of the request's account, org, end user, key and IP. Call once per request,
 * after the response (or its first chunk) shows the model refused.
 */
export function recordOutcome(facts: RequestFacts, outcome: { refused: boolean }, counters: WindowCounters, policy: GatewayPolicy): void {
  if (outcome.refused) countVelocity('refused', facts, counters, policy);
}
