import type { TextClassifier } from '../../content/index.js';
import type { ContentPort } from '../../pipeline/index.js';
import type { Collector, Fired, PolicyContext } from './context.js';
import { reasonCodes } from './codes.js';
import type { Decision, DecisionReason, Degradation, RequestFacts } from './decision.types.js';
import type { GatewayPolicy } from './policy.schema.js';
import { countVelocity, rateSignals, velocitySignals } from './rates.js';
import { actionRank, banSignals, contentSignal, intelSignals, screenSignal } from './signals.js';

type Stage = (facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, out: Collector) => void;

/** Stages that call a port (intel, classifier, screening) and may fail on their own. */
const portStages: [string, Stage][] = [
  ['evasion screening', screenSignal],
  ['intel', intelSignals],
  ['content classifier', contentSignal],
];

/**
 * Decides one request. Pure and synchronous: it reads the request facts, the policy and the
 * context's in-memory state (blocklist copy, counters, matchers) and never a clock — time is
 * `facts.nowMs`. Counters are the one thing it writes (rate limits count this request).
 *
 * Every signal that fires becomes a reason; the enforced action is the strongest of the
 * non-shadow ones (block > delay > degrade > flag > allow) and `decision.shadow` records what the
 * shadow rules would have added. A port that throws does not lose the other signals: its failure
 * is a `detection-failure` reason decided by the policy's fail mode, and bans still apply.
 * @example
 *   const d = evaluateRequest(facts, { blocklist, counters: new LocalWindowCounters() }, DEFAULT_GATEWAY_POLICY);
 *   if (d.action === 'block') refuse(d.httpStatus ?? 403, d.reasons[0]?.code);
 */
export function evaluateRequest(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy): Decision {
  const out: Collector = { fired: [], hits: [] };
  banSignals(facts, ctx, policy, out);
  for (const [name, stage] of portStages) {
    try {
      stage(facts, ctx, policy, out);
    } catch (err) {
      out.fired.push(failureFired(policy, 'error', `${name} failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  velocitySignals(facts, ctx, policy, out);
  rateSignals(facts, ctx, policy, out);
  // Counted after the check, so a request's own flag weighs on the next ones, not on itself. A
  // shadow rule's flag is not counted (it would change what is enforced); with the whole policy in
  // shadow every flag is, so the velocity rules can say what they would have done.
  if (out.fired.some((f) => !f.shadow && f.action !== 'allow' && (reasonCodes[f.code] === 'content' || reasonCodes[f.code] === 'intel')))
    countVelocity('flagged', facts, ctx.counters, policy);
  return assemble(out, facts, policy);
}

function failureFired(policy: GatewayPolicy, kind: 'error' | 'timeout', detail: string): Fired {
  const closed = policy.failMode === 'closed';
  return {
    code: kind === 'error' ? 'WARDEN_DETECTION_FAILED' : 'WARDEN_DETECTION_OVER_BUDGET',
    action: closed ? 'block' : 'allow',
    shadow: false,
    detail: `${detail}; failing ${policy.failMode}`,
    rule: 'failMode',
    failMode: policy.failMode,
    ...(closed ? { status: 503 as const, retryAfterS: policy.failClosedRetryAfterS } : {}),
  };
}

function reasonOf(f: Fired): DecisionReason {
  return {
    source: reasonCodes[f.code],
    code: f.code,
    detail: f.detail,
    action: f.action,
    rule: f.rule,
    ...(f.refs ? { refs: f.refs } : {}),
  };
}

function strongest(fired: readonly Fired[]): Fired['action'] {
  let best: Fired['action'] = 'allow';
  for (const f of fired) if (actionRank[f.action] > actionRank[best]) best = f.action;
  return best;
}

/** FNV-1a over the account and time: a delay that differs per request yet needs no random source. */
function spread(key: string, nowMs: number, min: number, max: number): number {
  if (max <= min) return min;
  let h = 0x811c9dc5;
  const s = `${key}\u0000${nowMs}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return min + ((h >>> 0) % (max - min + 1));
}

function degradationOf(facts: RequestFacts, policy: GatewayPolicy): Degradation {
  const p = policy.degrade;
  const model = (facts.model !== undefined ? p.models[facts.model] : undefined) ?? p.defaultModel;
  return {
    ...(model !== undefined && model !== facts.model ? { model } : {}),
    ...(p.stripTools && facts.hasTools ? { stripTools: true } : {}),
    ...(p.maxTokens !== null ? { maxTokens: p.maxTokens } : {}),
  };
}

/** Statuses in order of precedence: a ban's 403 is final; fail-closed 503 and rate 429 invite a retry. */
const statusOrder = [403, 503, 429] as const;

function assemble(out: Collector, facts: RequestFacts, policy: GatewayPolicy): Decision {
  const enforced = policy.shadow ? [] : out.fired.filter((f) => !f.shadow);
  const shadowOnly = policy.shadow ? out.fired : out.fired.filter((f) => f.shadow);
  const action = strongest(enforced);
  const decision: Decision = { action, reasons: enforced.map(reasonOf) };
  if (action === 'block' || action === 'delay') {
    const deciding = enforced.filter((f) => f.action === action);
    const status = statusOrder.find((s) => deciding.some((f) => (f.status ?? 403) === s)) ?? 403;
    decision.httpStatus = status;
    const waits = deciding.filter((f) => (f.status ?? 403) === status && f.retryAfterS !== undefined).map((f) => f.retryAfterS as number);
    if (waits.length > 0) decision.retryAfterS = Math.max(...waits);
    if (action === 'delay') decision.delayMs = spread(facts.identity.account, facts.nowMs, policy.delay.minMs, policy.delay.maxMs);
  }
  if (action === 'degrade') decision.degrade = degradationOf(facts, policy);
  if (shadowOnly.length > 0) decision.shadow = { action: strongest(out.fired), reasons: shadowOnly.map(reasonOf) };
  const failed = out.fired.find((f) => f.failMode !== undefined);
  if (failed?.failMode) decision.failMode = failed.failMode;
  if (out.hits.length > 0) decision.blockHits = out.hits;
  return decision;
}

/**
 * The decision when detection as a whole threw or ran over its budget: fail open (allow, and
 * keep whatever `partial` decision was reached) or fail closed (503 with Retry-After), per
 * policy. Recorded on the decision (`failMode`) and as a `detection-failure` reason.
 */
export function failureDecision(policy: GatewayPolicy, kind: 'error' | 'timeout', detail: string, partial?: Decision): Decision {
  const f = failureFired(policy, kind, detail);
  const reason = reasonOf(f);
  if (policy.failMode === 'open') {
    const base: Decision = partial ? { ...partial, reasons: [...partial.reasons] } : { action: 'allow', reasons: [] };
    base.reasons.push(reason);
    base.failMode = 'open';
    return base;
  }
  // A ban already reached stays a ban (403): only the undecided part fails closed.
  const banned = partial?.action === 'block' && partial.httpStatus === 403;
  return {
    action: 'block',
    reasons: [...(partial?.reasons ?? []), reason],
    httpStatus: banned ? 403 : 503,
    retryAfterS: policy.failClosedRetryAfterS,
    failMode: 'closed',
    ...(partial?.shadow ? { shadow: partial.shadow } : {}),
    ...(partial?.blockHits ? { blockHits: partial.blockHits } : {}),
  };
}

/**
 * `evaluateRequest` within the policy's time budget, as the proxy calls it: a throw or a
 * decision that took longer than `detectionBudgetMs` (by the caller's monotonic clock, in ms)
 * becomes the fail-mode decision. The clock is a parameter so the policy itself never reads one.
 */
export function decideWithinBudget(facts: RequestFacts, ctx: PolicyContext, policy: GatewayPolicy, clockMs: () => number): Decision {
  const start = clockMs();
  let decision: Decision;
  try {
    decision = evaluateRequest(facts, ctx, policy);
  } catch (err) {
    return failureDecision(policy, 'error', `detection failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const took = clockMs() - start;
  if (took > policy.detectionBudgetMs)
    return failureDecision(policy, 'timeout', `detection took ${took.toFixed(2)} ms, over its ${policy.detectionBudgetMs} ms budget`, decision);
  return decision;
}

/**
 * The content port for the request path: score and TTP only. Explanations and language
 * detection are skipped (they cost more than the score and the decision needs neither).
 */
export function inlineContentPort(classifier: TextClassifier): ContentPort {
  return {
    source: 'src/content classifier (inline)',
    classify(text) {
      const c = classifier.classify(text, { explain: false, detectLanguage: false });
      return { score: c.score, ttp: c.ttp, tactic: c.tactic };
    },
  };
}
