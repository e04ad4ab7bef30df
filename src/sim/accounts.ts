import { fmix32, type Rng } from './prng.js';
import type { AccountPlan } from './model.js';
import type { Country } from './names.js';

/**
 * Allocates account indexes and opaque ids. Ids come from a bijective hash of the index, so they
 * are unique, say nothing about the account (no "actor_3"), and interleave actors with everyone.
 */
export class AccountRegistry {
  readonly plans: AccountPlan[] = [];
  private readonly salt: number;

  constructor(seed: number) {
    this.salt = fmix32(seed ^ 0x5eed5eed);
  }

  /** The id the next account will get. */
  peekId(): string {
    return accountId(this.plans.length, this.salt);
  }

  /** Adds a plan built by `build` (which receives the index and id) and returns it. */
  add(build: (index: number, id: string) => AccountPlan): AccountPlan {
    const index = this.plans.length;
    const plan = build(index, accountId(index, this.salt));
    this.plans.push(plan);
    return plan;
  }
}

function accountId(index: number, salt: number): string {
  return `acct_${fmix32((index + salt) >>> 0).toString(16).padStart(8, '0')}`;
}

/** Opaque identifiers for devices, cards, keys, orgs and end users. */
export const opaque = {
  device: (rng: Rng) => `dev-${rng.hex(12)}`,
  payment: (rng: Rng) => `pm_${rng.hex(16)}`,
  apiKey: (rng: Rng) => `key_${rng.hex(12)}`,
  org: (rng: Rng) => `org_${rng.hex(10)}`,
};

const brands = ['visa', 'mastercard', 'amex', 'unionpay', 'jcb'] as const;

/** A card added by someone in `country`. */
export function paymentCard(country: Country, rng: Rng): NonNullable<AccountPlan['payment']> {
  const brand = country.code === 'CN' || country.code === 'TW' ? rng.pick(['unionpay', 'visa']) : country.code === 'JP' ? rng.pick(['jcb', 'visa']) : rng.pick(brands.slice(0, 3));
  return { fingerprint: opaque.payment(rng), country: country.code, brand };
}
