/**
 * The closed set of `evidence[].kind` values in `warden analyze` output (batch contract). Adding
 * a kind is a compatible change; renaming one is not.
 */
export const evidenceKinds = [
  /** A value of the account matched an intel indicator. */
  'indicator-match',
  /** The content classifier scored the account's requests as malicious. */
  'content',
  /** The account is linked to flagged accounts through shared values. */
  'link',
  /** A new account linked strongly to an account the provider had already actioned. */
  'evasion',
  /** Behaviour: refusal rate, burst sign-ups, hours, languages. */
  'behaviour',
  /** The provider itself suspended or terminated the account (`account.enforced`). */
  'enforcement',
  /** Attribution: the network's TTPs, targets, hours or languages fit an actor profile. */
  'profile',
  /** Attribution: the network shares infrastructure with a network attributed in the same run. */
  'infrastructure',
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** One piece of evidence; `rule` is `detectorId@version` of what produced it. */
export interface Evidence {
  kind: EvidenceKind;
  detail: string;
  rule: string;
  /** Contribution of this evidence to the score (0–1), before combination. */
  weight: number;
  /** Ids an analyst can follow: events, indicators, accounts, values. */
  refs?: { events?: string[]; indicator?: string; accounts?: string[]; value?: string; via?: string };
}

/** Severity of what a detector finds; informs the console's ordering, not the score. */
export type Severity = 'low' | 'medium' | 'high';

/** Declarative metadata of a detector; `evaluate` is separate and pure. */
export interface DetectorMeta {
  id: string;
  version: number;
  name: string;
  description: string;
  severity: Severity;
}

/** `id@version`, the reference findings carry. */
export function ruleRef(d: DetectorMeta): string {
  return `${d.id}@${d.version}`;
}

/** Noisy-OR of independent pieces of evidence: 1 − Π(1 − wᵢ). */
export function noisyOr(weights: Iterable<number>): number {
  let keep = 1;
  for (const w of weights) keep *= 1 - Math.min(Math.max(w, 0), 1);
  return 1 - keep;
}
