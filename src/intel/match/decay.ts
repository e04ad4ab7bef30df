import type { MatchField } from './matcher.types.js';

/** Half-life of an indicator's confidence, in days, by the kind of value it names. */
export interface HalfLives {
  ip: number;
  domain: number;
  url: number;
  email: number;
  account: number;
  device: number;
  payment: number;
  user_agent: number;
  hash: number;
}

/**
 * Defaults: addresses churn fastest (IPs are re-assigned within weeks), domains and URLs within
 * months, identities and fingerprints last longer, file hashes never change meaning.
 */
export const DEFAULT_HALF_LIFE_DAYS: HalfLives = {
  ip: 30,
  domain: 90,
  url: 60,
  email: 180,
  account: 365,
  device: 180,
  payment: 365,
  user_agent: 90,
  hash: Infinity,
};

function kindOf(field: MatchField): keyof HalfLives {
  const f = field.replace(/^prompt:/, '');
  if (f === 'email_domain') return 'domain';
  if (f === 'cve') return 'hash';
  return f as keyof HalfLives;
}

/**
 * An indicator's confidence at the event's time: the declared value halved every half-life
 * after `valid_from`. Indicators with a `valid_until` do not decay: their producer bounded them.
 * Never reads the clock: `timeMs` is the event's time.
 */
export function confidenceAt(
  declared: number | null,
  validFromMs: number,
  hasValidUntil: boolean,
  timeMs: number,
  field: MatchField,
  halfLives: HalfLives,
): number | null {
  if (declared === null) return null;
  if (hasValidUntil || !Number.isFinite(validFromMs)) return declared;
  const halfLife = halfLives[kindOf(field)];
  if (!Number.isFinite(halfLife) || timeMs <= validFromMs) return declared;
  const ageDays = (timeMs - validFromMs) / 86_400_000;
  return Math.round(declared * 0.5 ** (ageDays / halfLife));
}
