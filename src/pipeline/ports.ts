import type { DecodedEvent } from '../events/index.js';
import type { WarninglistCheck } from '../linkage/index.js';

/**
 * The seams through which the pipeline reaches the other stages. Each port is optional, so the
 * pipeline runs with whatever stages exist (intel and content land separately); a missing port
 * simply contributes no signal, and the report says which ports ran.
 */

/** An intrusion set as intel names it. */
export interface IntelActorRef {
  stixId: string;
  name: string;
  aliases: readonly string[];
}

/** One indicator that matched one value of an event, judged at the event's time. */
export interface IntelHit {
  indicatorId: string;
  /** What matched: `ip`, `email`, `email_domain`, `account`, `device`, `payment`, `prompt:*`. */
  field: string;
  value: string;
  /** STIX confidence 0–100; undefined when the producer gave none. */
  confidence: number | undefined;
  /** Intrusion sets the indicator points at (`indicates` / `attributed-to`); may be several. */
  actors: readonly IntelActorRef[];
  /** The indicator's pattern, for the evidence text. */
  pattern: string;
  /**
   * `high`: the value singles out an actor; `low`: shared infrastructure (cloud, VPN, webmail)
   * or a hub value; `none`: reserved space or public resolvers (src/intel's warninglists).
   */
  specificity?: 'high' | 'low' | 'none';
  /** The warninglist that made the match low-specificity, if any. */
  warninglist?: string;
}

/** What the pipeline needs from intel: matching at event time, known actors, warninglists. */
export interface IntelPort {
  /** Indicator hits for one event; empty when none. Pure: judged at `event.timeMs`. */
  matchEvent(event: DecodedEvent): readonly IntelHit[];
  /** Every intrusion set the loaded intel names. */
  actors(): readonly IntelActorRef[];
  /** Low-specificity values that must not link accounts (VPN ranges, webmail, resolvers). */
  warninglist?: WarninglistCheck;
  /** Short description for the report (`src/intel` or the temporary adapter). */
  readonly source: string;
}

/** One request's classification, in the vocabulary of ttps.md. */
export interface ContentVerdict {
  /** Probability that the text asks for help with a malicious cyber operation. */
  score: number;
  ttp: string | null;
  tactic: string | null;
  /** ISO 639-1 code of the text's language, when the classifier detects it. */
  language?: string;
}

/** What the pipeline needs from content analysis. */
export interface ContentPort {
  classify(this: void, text: string): ContentVerdict;
  /** ISO 639-1 code of the text's language, when it can tell. */
  detectLanguage?(this: void, text: string): string | undefined;
  /** Targets and topics named in the text (organisations, technologies, sectors). */
  extractTopics?(this: void, text: string): readonly string[];
  readonly source: string;
}
