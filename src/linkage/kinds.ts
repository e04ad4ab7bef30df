/**
 * The kinds of shared value that can link two accounts. These names are the `links[].via` values
 * of the batch contract (../shared/spec/batch-contract.md); they are a compatibility promise.
 */
export const linkKinds = [
  'device',
  'payment',
  'email',
  'email-pattern',
  'email-domain',
  'phone',
  'api-key',
  'org',
  'end-user',
  'ip',
  'ip-prefix',
  'user-agent',
  'prompt',
  'topic',
] as const;
export type LinkKind = (typeof linkKinds)[number];

/** How strongly one kind of shared value links two accounts, and over what time. */
export interface KindPolicy {
  /** Edge weight when exactly two accounts share the value (0–1). */
  weight: number;
  /**
   * Two accounts share the value only if their uses of it lie within this many seconds of each
   * other (an exit IP is shared by strangers weeks apart); 0 means no window.
   */
  windowSec: number;
  /** Decay time constant (seconds) applied to the gap between the two uses; 0 means no decay. */
  decaySec: number;
}

const day = 86_400;

/**
 * Default policies. Identifiers a person rarely shares with strangers (a card, a device, a
 * mailbox, an API key) weigh most; network locations weigh less and only count within a window,
 * because NAT pools, VPN exits and cloud hosts are shared by unrelated people over time.
 */
export const defaultKindPolicies: Readonly<Record<LinkKind, KindPolicy>> = {
  device: { weight: 0.9, windowSec: 0, decaySec: 180 * day },
  payment: { weight: 0.9, windowSec: 0, decaySec: 365 * day },
  email: { weight: 0.95, windowSec: 0, decaySec: 0 },
  'email-pattern': { weight: 0.45, windowSec: 0, decaySec: 0 },
  'email-domain': { weight: 0.5, windowSec: 0, decaySec: 0 },
  phone: { weight: 0.85, windowSec: 0, decaySec: 365 * day },
  'api-key': { weight: 0.95, windowSec: 0, decaySec: 0 },
  org: { weight: 0.5, windowSec: 0, decaySec: 0 },
  'end-user': { weight: 0.7, windowSec: 0, decaySec: 90 * day },
  ip: { weight: 0.6, windowSec: 7 * day, decaySec: 3 * day },
  'ip-prefix': { weight: 0.25, windowSec: 2 * day, decaySec: 1 * day },
  'user-agent': { weight: 0.15, windowSec: 30 * day, decaySec: 30 * day },
  prompt: { weight: 0.25, windowSec: 0, decaySec: 60 * day },
  topic: { weight: 0.3, windowSec: 0, decaySec: 60 * day },
};

/**
 * Specificity of a value shared by `df` accounts: 1 for two, falling as 1/√(df−1), so a value
 * shared by 3 accounts weighs 0.71 of a pair and one shared by 3,000 weighs 0.018. Square root
 * rather than 1/df because a small actor cell (5–10 accounts on one device) is still strong.
 */
export function specificity(df: number): number {
  return df <= 1 ? 0 : 1 / Math.sqrt(df - 1);
}
