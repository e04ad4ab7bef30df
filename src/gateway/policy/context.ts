import type { BlockHit, BlockProbe, Blocklist } from '../../enforcement/index.js';
import type { EventObservables, MatchOutcome } from '../../intel/index.js';
import type { ContentPort } from '../../pipeline/index.js';
import type { ReasonCode } from './codes.js';
import type { WindowCounters } from './counters.types.js';
import type { DecisionReason } from './decision.types.js';
import type { PolicyAction } from './policy.schema.js';

/** What the policy needs from intel: `IntelMatcher` (src/intel) satisfies it. Judged at `timeMs`. */
export interface IntelMatchPort {
  match(obs: EventObservables, timeMs: number): MatchOutcome;
}

/** A pipeline screening hit: this account carries a value of an account actioned before. */
export interface EvasionFinding {
  actionedAccount: string;
  /** The kind of value linking them (`device`, `payment`, `email`…). */
  via: string;
  value: string;
}

/**
 * Ban-evasion screening from the detection pipeline (`Analysis.screen` over the linkage graph),
 * adapted by the shell. Synchronous and O(values): it answers from what the pipeline knew at its
 * last evaluation.
 */
export interface EvasionScreen {
  screen(this: void, account: string, values: readonly BlockProbe[], nowMs: number): EvasionFinding | undefined;
}

/** Everything `evaluateRequest` reads besides the request and the policy. */
export interface PolicyContext {
  blocklist: Blocklist;
  counters: WindowCounters;
  intel?: IntelMatchPort;
  /** The inline classifier; build it with `inlineContentPort` (no explanation, no language). */
  content?: ContentPort;
  evasion?: EvasionScreen;
}

/** One signal that fired, before the decision combines them. */
export interface Fired {
  code: ReasonCode;
  action: PolicyAction;
  shadow: boolean;
  detail: string;
  rule: string;
  refs?: DecisionReason['refs'];
  /** For refusals: 429 for rate rules, 503 for fail-closed, else 403. */
  status?: 403 | 429 | 503;
  retryAfterS?: number;
  failMode?: 'open' | 'closed';
}

/** Where `evaluateRequest` collects fired signals and block hits. */
export interface Collector {
  fired: Fired[];
  hits: BlockHit[];
}
