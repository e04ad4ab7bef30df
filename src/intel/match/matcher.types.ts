import type { TlpLevel } from '../stix/markings.js';

/** The event field through which an indicator matched; `prompt:*` values came from prompt text. */
export type MatchField =
  | 'ip'
  | 'email'
  | 'email_domain'
  | 'account'
  | 'device'
  | 'payment'
  | 'user_agent'
  | 'prompt:ip'
  | 'prompt:domain'
  | 'prompt:url'
  | 'prompt:email'
  | 'prompt:hash'
  | 'prompt:cve';

/** An intrusion set (or threat actor) an indicator points at through `indicates`/`attributed-to`. */
export interface ActorRef {
  stixId: string;
  name: string;
  aliases: readonly string[];
}

/**
 * One indicator matched by one event value, judged at the event's time. This is the evidence
 * the console shows and the verdict cites: which indicator, from whom, how sure, under which
 * marking, on which field.
 */
export interface IntelMatch {
  indicatorId: string;
  field: MatchField;
  value: string;
  /** Provenance of the indicator (feed, partner collection, file). */
  source: string;
  /** The `created_by_ref` identity's name, or its id when the identity is not held. */
  createdBy: string | null;
  /** Confidence at the event's time after decay, 0–100; null when the producer gave none. */
  confidence: number | null;
  declaredConfidence: number | null;
  marking: TlpLevel | null;
  pattern: string;
  actors: readonly ActorRef[];
  /**
   * `high`: the value singles out an actor. `low`: shared infrastructure (cloud, VPN, webmail)
   * or a hub value; `none`: reserved space or public resolvers. Low and none are recorded but do
   * not by themselves make an account suspicious.
   */
  specificity: 'high' | 'low' | 'none';
  warninglist?: string;
  hub?: boolean;
  validFrom: string | null;
  validUntil: string | null;
}

/** A match that was found and deliberately not counted, with the reason. */
export interface SuppressedMatch {
  indicatorId: string;
  field: MatchField;
  value: string;
  reason: 'excluded' | 'decayed';
  note: string;
}

/** One part of a multi-observation (history-scope) pattern that this event satisfies. */
export interface PartialMatch {
  indicatorId: string;
  field: MatchField;
  value: string;
}

export interface MatchOutcome {
  matches: IntelMatch[];
  suppressed: SuppressedMatch[];
  partial: PartialMatch[];
}

export interface MatcherStats {
  indicators: number;
  /** Indicators whose every hit is decided by a hash or trie lookup alone. */
  direct: number;
  /** Indicators found through an index but confirmed by the pattern evaluator. */
  verified: number;
  /** Event-scope indicators with no indexable comparison, evaluated against each event. */
  scanned: number;
  /** Multi-observation indicators, reported as partial matches. */
  history: number;
  /** Indicators not compiled: revoked, or pattern unsupported (reason counts). */
  skipped: Record<string, number>;
  exactKeys: number;
  cidrPrefixes: number;
}
