import type { BlockHit, BlockProbe } from '../../enforcement/index.js';

/**
 * The contract between the gateway's proxy (the shell that parses requests and forwards them)
 * and its policy (pure: request facts in, decision out). Agreed first so both sides can be built
 * and tested apart.
 */

/** Who is asking and from where, as the proxy established it before reading the body's content. */
export interface RequestIdentity {
  /** Gateway key id (`gateway_keys.id`), the account and org it maps to. */
  keyId: string;
  account: string;
  org?: string;
  /** The API customer's own end user: the body's `user` / `safety_identifier`, or a header. */
  endUser?: string;
  ip?: string;
  device?: string;
  userAgent?: string;
}

/** What the proxy knows of one request before forwarding it. */
export interface RequestFacts {
  identity: RequestIdentity;
  /** `/v1/chat/completions`, `/v1/embeddings`, … or the passthrough path. */
  route: string;
  model?: string;
  /** The text a person wrote (user and system messages, prompt), for the inline classifier; never logged at info. */
  text?: string;
  stream: boolean;
  /** Tools or functions the request offers the model (degrade can strip them). */
  hasTools: boolean;
  /** Epoch ms the request arrived (the policy never reads a clock). */
  nowMs: number;
  /**
   * Values known about the account from before this request (devices, payment fingerprints,
   * emails, email patterns from its sign-up and earlier events): how a new account's first
   * request is caught evading a network ban even when it arrives from a fresh IP.
   */
  accountValues: readonly BlockProbe[];
  /**
   * The proxy's estimate of the tokens this request may consume (prompt plus `max_tokens`), for
   * token-costed rate limits; absent means such limits count the request as one token.
   */
  estimatedTokens?: number;
}

export type DecisionAction = 'allow' | 'flag' | 'degrade' | 'block' | 'delay';

/** Why the decision went as it did; one per signal that fired. */
export interface DecisionReason {
  source: 'ban' | 'evasion' | 'intel' | 'content' | 'rate' | 'detection-failure';
  /** Warden code, e.g. `WARDEN_BANNED_NETWORK`, `WARDEN_CONTENT_TTP`, `WARDEN_RATE_LIMITED`. */
  code: string;
  detail: string;
  /** Blocklist entries, indicator ids, TTP ids behind it. */
  refs?: { blockEntries?: string[]; indicators?: string[]; ttp?: string; score?: number };
  /** What this signal alone asked for (the decision is the strongest of them). */
  action?: DecisionAction;
  /** The policy rule that fired, e.g. `content.ttps.llm-aided-development[0]`, `rateLimits.account-per-minute`. */
  rule?: string;
}

/** How a degraded request is changed before it goes upstream. */
export interface Degradation {
  model?: string;
  stripTools?: boolean;
  maxTokens?: number;
}

export interface Decision {
  action: DecisionAction;
  reasons: DecisionReason[];
  degrade?: Degradation;
  /** For `delay`: how long to hold the answer (ms) before refusing, so probers learn nothing from timing. */
  delayMs?: number;
  /** For `block`/`rate`: seconds a client should wait (Retry-After). */
  retryAfterS?: number;
  /**
   * For `block` and `delay`: the HTTP status the refusal should carry — 429 for rate limits and
   * velocity rules (RFC 6585 §4), 503 when detection failed closed, 403 otherwise.
   */
  httpStatus?: 403 | 429 | 503;
  /** What shadow-mode rules would have done; recorded on the event, never enforced. */
  shadow?: { action: DecisionAction; reasons: DecisionReason[] };
  /** Set when detection erred or ran over budget and the policy's fail mode decided instead. */
  failMode?: 'open' | 'closed';
  /** Block hits that matched, for the event and the audit trail. */
  blockHits?: BlockHit[];
}
