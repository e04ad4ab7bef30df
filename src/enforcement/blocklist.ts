import { canonicalIp, formatIpNetwork, parseIpNetwork, type IpNetwork } from '../intel/index.js';
import { blockEffects, type BlockEffect, type BlockEntry, type BlockKind, type BlocklistChange } from './block-entry.schema.js';

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

/**
 * An in-memory copy of the blocklist that answers "does this request touch a banned value?" in
 * O(probes) hash lookups, and an address against banned ranges in one lookup per distinct prefix
 * length in use (at most 33 for IPv4, 129 for IPv6), however many ranges are banned. Every gateway replica holds one
 * and applies `BlocklistChange`s as they are published; the store stays the source of truth.
 * Expiry is judged at the `nowMs` the caller passes, so the copy never needs a timer.
 */
export class Blocklist {
  private readonly byId = new Map<string, BlockEntry>();
  private readonly exact = new Map<string, Set<string>>();
  /** Banned ranges, one bucket per family and prefix length: masked network → entry ids. */
  private readonly ranges = new Map<string, { version: 4 | 6; prefix: number; byNet: Map<string, Set<string>> }>();
  private readonly rangeOf = new Map<string, { bucket: string; key: string }>();
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
    const stored = value === entry.value ? entry : { ...entry, value };
    this.byId.set(entry.id, stored);
    if (entry.kind === 'cidr') {
      const net = parseIpNetwork(value);
      if (net) {
        const bucket = `${net.version}/${net.prefix}`;
        const key = networkKey(net);
        let b = this.ranges.get(bucket);
        if (!b) this.ranges.set(bucket, (b = { version: net.version, prefix: net.prefix, byNet: new Map<string, Set<string>>() }));
        const byNet = b.byNet;
        let ids = byNet.get(key);
        if (!ids) byNet.set(key, (ids = new Set<string>()));
        ids.add(entry.id);
        this.rangeOf.set(entry.id, { bucket, key });
      }
      return;
    }
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
    const range = this.rangeOf.get(id);
    if (range) {
      this.rangeOf.delete(id);
      const { byNet } = this.ranges.get(range.bucket)!;
      const ids = byNet.get(range.key)!;
      ids.delete(id);
      if (ids.size === 0) byNet.delete(range.key);
      if (byNet.size === 0) this.ranges.delete(range.bucket);
    }
    const key = `${old.kind}\u0000${old.value}`;
    const ids = this.exact.get(key);
    if (ids) {
      ids.delete(id);
      if (ids.size === 0) this.exact.delete(key);
    }
    this.version++;
    return true;
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
      if (probe.kind === 'ip' && this.ranges.size > 0) {
        const addr = parseIpNetwork(value);
        if (addr)
          for (const { version, prefix, byNet } of this.ranges.values()) {
            if (version !== addr.version) continue;
            const ids = byNet.get(networkKey(maskTo(addr, prefix)));
            if (!ids) continue;
            for (const id of ids) {
              const entry = this.byId.get(id)!;
              if (isEntryActive(entry, nowMs)) hits.push({ entry, probe });
            }
          }
      }
    }
    return hits;
  }
}

/** A masked network as a map key (the address bits; the prefix is the bucket's). */
function networkKey(net: IpNetwork): string {
  return net.version === 4 ? String(net.address >>> 0) : Buffer.from(net.bytes).toString('hex');
}

/** The network of `prefix` bits containing an address. */
function maskTo(addr: IpNetwork, prefix: number): IpNetwork {
  if (addr.version === 4) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { version: 4, address: (addr.address & mask) >>> 0, prefix };
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (addr.bytes[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return { version: 6, bytes, prefix };
}
