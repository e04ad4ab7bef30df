/**
 * The gateway's policy: request facts in, decision out. Pure apart from the windowed counters it
 * is handed; the proxy (src/gateway) establishes the facts and carries the decision out. See
 * docs/gateway-policy.md for the policy file, actions, reason codes, shadow and fail modes.
 */
export type { RequestIdentity, RequestFacts, DecisionAction, DecisionReason, Degradation, Decision } from './decision.types.js';
export type { WindowCounters } from './counters.types.js';
export type { PolicyContext, IntelMatchPort, EvasionScreen, EvasionFinding } from './context.js';
export {
  gatewayPolicySchema,
  policyActions,
  DEFAULT_TTP_RULES,
  type GatewayPolicy,
  type GatewayPolicyInput,
  type PolicyAction,
  type ContentRule,
  type RateLimitRule,
  type RateScope,
  type VelocityRule,
} from './policy.schema.js';
export {
  parseGatewayPolicy,
  parseGatewayPolicyText,
  loadGatewayPolicy,
  DEFAULT_GATEWAY_POLICY,
  MAX_POLICY_FILE_BYTES,
  type PolicyIssue,
} from './policy-file.js';
export { reasonCodes, type ReasonCode } from './codes.js';
export { evaluateRequest, failureDecision, decideWithinBudget, inlineContentPort } from './evaluate.js';
export { recordOutcome, scopeKey } from './rates.js';
export { probesOf, MAX_ACCOUNT_VALUES } from './signals.js';
export { evasionScreenFrom } from './evasion-screen.js';
export { LocalWindowCounters, type LocalWindowCountersOptions } from './local-window-counters.js';
