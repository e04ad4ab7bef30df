/**
 * Values an analyst has ruled out (a partner's shared NAT, a test address), editable while the
 * matcher runs. A match on an excluded value is reported as suppressed, with the reason, rather
 * than vanishing.
 */
export class ExclusionList {
  private readonly values = new Map<string, string>();

  private key(field: string, value: string): string {
    return `${field.replace(/^prompt:/, '')}\u0000${value.toLowerCase()}`;
  }
  /** Excludes a value of a field (`ip`, `email`, `email_domain`, `device`, …) with a note. */
  add(field: string, value: string, note = 'excluded by an analyst'): void {
    this.values.set(this.key(field, value), note);
  }
  remove(field: string, value: string): boolean {
    return this.values.delete(this.key(field, value));
  }
  /** The note of an exclusion, or undefined. */
  get(field: string, value: string): string | undefined {
    if (this.values.size === 0) return undefined;
    return this.values.get(this.key(field, value));
  }
  get size(): number {
    return this.values.size;
  }
}

/**
 * Counts distinct accounts per matched value, so a value matching too many accounts (a shared
 * proxy, a leaked test address) is marked as a hub: recorded, but low-specificity. The caller
 * owns one tracker per run or per process; the matcher stays a pure function of its inputs.
 */
export class HubTracker {
  private readonly accounts = new Map<string, Set<string>>();
  constructor(readonly cap: number = 50) {}

  /** Records that `account` matched `key`; returns whether the key is now a hub. */
  record(key: string, account: string): boolean {
    let set = this.accounts.get(key);
    if (!set) this.accounts.set(key, (set = new Set()));
    if (set.size <= this.cap) set.add(account);
    return set.size > this.cap;
  }
  accountsOf(key: string): number {
    return this.accounts.get(key)?.size ?? 0;
  }
}
