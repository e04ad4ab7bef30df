import { canonicalIp, CidrTrie, formatIpNetwork, parseIpNetwork } from '../intel/index.js';
import {
  blockEffects,
  type BlockEffect,
  type BlockEntry,
  type BlockKind,
  type BlocklistChange,
} from './block-entry.schema.js';

/** A value of a request or account to check: `{ kind: 'ip', value: '203.0.113.9' }`. */
export interface BlockProbe {
  kind: BlockKind;
  value: string;
}

/** An entry that matched, and the probe it matched. */
export interface BlockHit {
  entry: BlockEntry;
  probe: BlockProbe;
}

/** Values are compared case-insensitively except opaque fingerprints, which are exact. */
export function normaliseBlockValue(kind: BlockKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'email':
    case 'email-pattern':
    case 'org':
      return v.toLowerCase();
    case 'ip':
      return canonicalIp(v) ?? v.toLowerCase();
    case 'cidr': {
      const net = parseIpNetwork(v);
      return net ? formatIpNetwork(net) : v.toLowerCase();
    }
    default:
      return v;
  }
}

/** True when the entry applies at `nowMs`: not revoked, not expired. */
export function isEntryActive(entry: BlockEntry, nowMs: number): boolean {
  return entry.revokedAt === null && (entry.expiresAt === null || entry.expiresAt > nowMs);
}

/** The strongest effect among hits (`block` beats `delay` beats `degrade`…); undefined for none. */
export function strongestEffect(hits: readonly BlockHit[]): BlockEffect | undefined {
  let best = -1;
  for (const h of hits) {
    const rank = blockEffects.length - blockEffects.indexOf(h.entry.effect);
    if (rank > best) best = rank;
  }
  return best < 0 ? undefined : blockEffects[blockEffects.length - best];
}

/** Removed ranges left in the tries before they are rebuilt: at least this many, or as many as are live. */
const minStaleBeforeRebuild = 1024;

/**
 * An in-memory copy of the blocklist that answers "does this request touch a banned value?" in
 * O(probes) hash lookups, and an address against banned ranges with one walk down a binary
 * prefix trie (`CidrTrie` of src/intel: at most 32 or 128 steps, no allocation), however many
 * ranges are banned and of whatever lengths. Every gateway replica holds one and applies
 * `BlocklistChange`s as they are published; the store stays the source of truth. Expiry is
 * judged at the `nowMs` the caller passes, so the copy never needs a timer.
 *
 * The trie only grows, so a removed or replaced range stays in it until the next rebuild; each
 * range entry in the trie is the exact object `byId` holds, and a lookup keeps only entries that
 * are still that object. Rebuilds happen once removed ranges outnumber live ones (and 1,024):
 * amortised O(1) per change.
 */
export class Blocklist {
  private readonly byId = new Map<string, BlockEntry>();
  private readonly exact = new Map<string, Set<string>>();
  private v4 = new CidrTrie<BlockEntry>(4);
  private v6 = new CidrTrie<BlockEntry>(6);
  private liveRanges = 0;
  private staleRanges = 0;
  /** Bumped on every change; a cheap way for callers to cache per-version answers. */
  version = 0;

  constructor(entries: Iterable<BlockEntry> = []) {
    for (const e of entries) this.upsert(e);
  }

  get size(): number {
    return this.byId.size;
  }

  entries(): IterableIterator<BlockEntry> {
    return this.byId.values();
  }

  get(id: string): BlockEntry | undefined {
    return this.byId.get(id);
  }

  /** Adds or replaces an entry (same id: the newer one wins). Revoked entries are removed. */
  upsert(entry: BlockEntry): void {
    this.remove(entry.id);
    if (entry.revokedAt !== null) return;
    const value = normaliseBlockValue(entry.kind, entry.value);
    if (entry.kind === 'cidr') {
      const net = parseIpNetwork(value);
      // A copy of its own, so the trie's reference identifies this very upsert (see the class note).
      const stored = { ...entry, value };
      this.byId.set(entry.id, stored);
      if (net) {
        (net.version === 4 ? this.v4 : this.v6).insert(net, stored);
        this.liveRanges++;
      }
      return;
    }
    this.byId.set(entry.id, value === entry.value ? entry : { ...entry, value });
    const key = `${entry.kind}\u0000${value}`;
    let ids = this.exact.get(key);
    if (!ids) this.exact.set(key, (ids = new Set()));
    ids.add(entry.id);
  }

  /** Removes an entry; true when it was present. */
  remove(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    if (old.kind === 'cidr') {
      if (parseIpNetwork(old.value)) {
        this.liveRanges--;
        if (++this.staleRanges > Math.max(minStaleBeforeRebuild, this.liveRanges)) this.rebuildRanges();
      }
    } else {
      const key = `${old.kind}\u0000${old.value}`;
      const ids = this.exact.get(key);
      if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.exact.delete(key);
      }
    }
    this.version++;
    return true;
  }

  private rebuildRanges(): void {
    this.v4 = new CidrTrie<BlockEntry>(4);
    this.v6 = new CidrTrie<BlockEntry>(6);
    for (const e of this.byId.values()) {
      if (e.kind !== 'cidr') continue;
      const net = parseIpNetwork(e.value);
      if (net) (net.version === 4 ? this.v4 : this.v6).insert(net, e);
    }
    this.staleRanges = 0;
  }

  /** Applies one published change. */
  apply(change: BlocklistChange): void {
    if (change.op === 'upsert') this.upsert(change.entry);
    else this.remove(change.id);
    this.version++;
  }

  /**
   * Every active entry matching any probe. An `ip` probe also matches `cidr` entries that
   * contain it. Shadow entries are returned too: the caller records them without enforcing.
   */
  match(probes: Iterable<BlockProbe>, nowMs: number): BlockHit[] {
    const hits: BlockHit[] = [];
    for (const probe of probes) {
      const value = normaliseBlockValue(probe.kind, probe.value);
      const ids = this.exact.get(`${probe.kind}\u0000${value}`);
      if (ids)
        for (const id of ids) {
          const entry = this.byId.get(id)!;
          if (isEntryActive(entry, nowMs)) hits.push({ entry, probe });
        }
      if (probe.kind === 'ip' && this.liveRanges > 0) {
        const addr = parseIpNetwork(value);
        if (!addr) continue;
        const found: BlockEntry[] = [];
        if (addr.version === 4) this.v4.collectContainingV4(addr.address, found);
        else this.v6.forEachContaining(addr, (e) => found.push(e));
        for (const entry of found)
          if (this.byId.get(entry.id) === entry && isEntryActive(entry, nowMs)) hits.push({ entry, probe });
      }
    }
    return hits;
  }
}
