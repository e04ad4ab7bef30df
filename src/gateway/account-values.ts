import type { BlockKind, BlockProbe } from '../enforcement/index.js';
import type { DecodedEvent } from '../events/index.js';
import type { AccountValuesSource } from './gateway.js';

/** Entity types of the index that name something a ban can carry over to another account. */
const kindOfEntity: Readonly<Record<string, BlockKind | undefined>> = {
  device: 'device',
  payment: 'payment',
  email: 'email',
  phone: 'phone',
};

/** The probes among an account's entities (`findEntitiesOfAccount` rows or an event's entities). */
export function probesOfEntities(
  entities: Iterable<{ type: string; value: string }>,
  max: number,
): BlockProbe[] {
  const out: BlockProbe[] = [];
  for (const e of entities) {
    const kind = kindOfEntity[e.type];
    if (kind) out.push({ kind, value: e.value });
    if (out.length >= max) break;
  }
  return out;
}

interface Entry {
  values: BlockProbe[];
  loadedAtMs: number;
}

/**
 * An account's known values (devices, payment fingerprints, emails, phones from its earlier
 * events), cached in a bounded LRU so the request path reads them synchronously. A miss costs
 * one indexed query (`findEntitiesOfAccount`), shared by concurrent requests of that account;
 * an entry older than `refreshMs` is re-read in the background while the old one still answers;
 * `observe` folds newly committed events in at once, so a payment method added a moment ago
 * already counts on the next request.
 */
export class AccountValuesCache implements AccountValuesSource {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<readonly BlockProbe[]>>();

  constructor(
    private readonly fetch: (account: string) => Promise<BlockProbe[]>,
    private readonly options: {
      size: number;
      refreshMs: number;
      maxValues: number;
      now: () => number;
      onError?: (err: unknown) => void;
    },
  ) {}

  peek(account: string): readonly BlockProbe[] | undefined {
    const e = this.entries.get(account);
    if (!e) return undefined;
    // Least recently used goes first: re-inserting moves the account to the young end.
    this.entries.delete(account);
    this.entries.set(account, e);
    if (this.options.now() - e.loadedAtMs > this.options.refreshMs)
      this.load(account).catch((err: unknown) => this.options.onError?.(err));
    return e.values;
  }

  load(account: string): Promise<readonly BlockProbe[]> {
    const running = this.loading.get(account);
    if (running) return running;
    const p = this.fetch(account)
      .then((values) => {
        this.put(account, {
          values: values.slice(0, this.options.maxValues),
          loadedAtMs: this.options.now(),
        });
        return values;
      })
      .finally(() => this.loading.delete(account));
    this.loading.set(account, p);
    return p;
  }

  /** Folds the values of newly committed events into the accounts already cached. */
  observe(events: readonly DecodedEvent[]): void {
    for (const d of events) {
      const e = this.entries.get(d.event.account);
      if (!e) continue;
      for (const p of probesOfEntities(d.entities, this.options.maxValues)) {
        if (e.values.length >= this.options.maxValues) break;
        if (!e.values.some((v) => v.kind === p.kind && v.value === p.value)) e.values = [...e.values, p];
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private put(account: string, entry: Entry): void {
    this.entries.delete(account);
    this.entries.set(account, entry);
    while (this.entries.size > this.options.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
