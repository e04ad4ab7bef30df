import type { IpNetwork } from '../net/ip.js';

/**
 * A binary prefix trie over IP networks, one per address family, with nodes in typed arrays so
 * a million prefixes cost a few tens of megabytes and no per-node objects. A lookup walks at most
 * 32 (or 128) bits: O(1) in the number of prefixes stored. Each stored prefix carries values.
 */
export class CidrTrie<T> {
  private left: Int32Array;
  private right: Int32Array;
  private slot: Int32Array;
  private nodes = 1;
  private readonly payloads: T[][] = [];
  private readonly bits: 32 | 128;

  constructor(family: 4 | 6, initialNodes = 1024) {
    this.bits = family === 4 ? 32 : 128;
    this.left = new Int32Array(initialNodes);
    this.right = new Int32Array(initialNodes);
    this.slot = new Int32Array(initialNodes).fill(-1);
  }

  get size(): number {
    return this.payloads.length;
  }

  private grow(): void {
    const n = this.left.length * 2;
    const l = new Int32Array(n);
    l.set(this.left);
    const r = new Int32Array(n);
    r.set(this.right);
    const s = new Int32Array(n).fill(-1);
    s.set(this.slot);
    this.left = l;
    this.right = r;
    this.slot = s;
  }

  private bitOf(net: IpNetwork, i: number): number {
    if (net.version === 4) return (net.address >>> (31 - i)) & 1;
    return ((net.bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
  }

  /** Adds a value under a network. */
  insert(net: IpNetwork, value: T): void {
    let node = 0;
    for (let i = 0; i < net.prefix; i++) {
      const b = this.bitOf(net, i);
      const arr = b === 0 ? this.left : this.right;
      let child = arr[node] ?? 0;
      if (child === 0) {
        if (this.nodes >= this.left.length) this.grow();
        child = this.nodes++;
        (b === 0 ? this.left : this.right)[node] = child;
      }
      node = child;
    }
    let s = this.slot[node] ?? -1;
    if (s === -1) {
      s = this.payloads.length;
      this.payloads.push([]);
      this.slot[node] = s;
    }
    (this.payloads[s] as T[]).push(value);
  }

  /** Calls `visit` with the values of every stored network containing the IPv4 address. */
  forEachContainingV4(address: number, visit: (value: T, prefix: number) => void): void {
    let node = 0;
    for (let i = 0; ; i++) {
      const s = this.slot[node] ?? -1;
      if (s !== -1) for (const v of this.payloads[s] as T[]) visit(v, i);
      if (i === 32) return;
      node = ((address >>> (31 - i)) & 1) === 0 ? (this.left[node] ?? 0) : (this.right[node] ?? 0);
      if (node === 0) return;
    }
  }

  /** The same for a network of either family (an address is a /32 or /128). */
  forEachContaining(net: IpNetwork, visit: (value: T, prefix: number) => void): void {
    if (net.version === 4 && this.bits === 32 && net.prefix === 32) {
      this.forEachContainingV4(net.address, visit);
      return;
    }
    if ((net.version === 4) !== (this.bits === 32)) return;
    let node = 0;
    for (let i = 0; ; i++) {
      const s = this.slot[node] ?? -1;
      if (s !== -1) for (const v of this.payloads[s] as T[]) visit(v, i);
      if (i === net.prefix) return;
      node = this.bitOf(net, i) === 0 ? (this.left[node] ?? 0) : (this.right[node] ?? 0);
      if (node === 0) return;
    }
  }
}
