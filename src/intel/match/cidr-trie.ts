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
  /**
   * IPv4 only: the trie node reached after the top 16 bits, per 16-bit prefix, so a lookup
   * starts 16 levels down (fewer dependent memory reads), and prefixes shorter than /16 are
   * counted so their levels are only walked when some exist.
   */
  private readonly root16: Int32Array | null;
  private shortPrefixes = 0;

  constructor(family: 4 | 6, initialNodes = 1024) {
    this.bits = family === 4 ? 32 : 128;
    this.left = new Int32Array(initialNodes);
    this.right = new Int32Array(initialNodes);
    this.slot = new Int32Array(initialNodes).fill(-1);
    this.root16 = family === 4 ? new Int32Array(65536) : null;
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

  /**
   * Renumbers nodes in depth-first order so that each subtree (in particular each /16 below
   * `root16`) is contiguous in memory: a lookup then walks a few cache lines instead of
   * jumping across the arrays in insertion order. Call once after the last insert.
   */
  compact(): void {
    const n = this.nodes;
    const newId = new Int32Array(n).fill(-1);
    const order: number[] = [];
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      newId[node] = order.length;
      order.push(node);
      const r = this.right[node] ?? 0;
      const l = this.left[node] ?? 0;
      if (r !== 0) stack.push(r);
      if (l !== 0) stack.push(l);
    }
    const left = new Int32Array(Math.max(order.length, 1));
    const right = new Int32Array(Math.max(order.length, 1));
    const slot = new Int32Array(Math.max(order.length, 1)).fill(-1);
    order.forEach((old, i) => {
      const l = this.left[old] ?? 0;
      const r = this.right[old] ?? 0;
      left[i] = l === 0 ? 0 : (newId[l] as number);
      right[i] = r === 0 ? 0 : (newId[r] as number);
      slot[i] = this.slot[old] ?? -1;
    });
    this.left = left;
    this.right = right;
    this.slot = slot;
    this.nodes = order.length;
    if (this.root16) for (let i = 0; i < 65536; i++) if (this.root16[i]) this.root16[i] = newId[this.root16[i] as number] as number;
  }

  /** Adds a value under a network. */
  insert(net: IpNetwork, value: T): void {
    if (this.nodes >= this.left.length) this.grow();
    let node = 0;
    if (net.version === 4 && net.prefix < 16) this.shortPrefixes++;
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
      if (i === 15 && this.root16 && net.version === 4) this.root16[net.address >>> 16] = node;
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

  /** Appends to `out` the values of every stored network containing the IPv4 address; no closures. */
  collectContainingV4(address: number, out: T[]): void {
    let node = 0;
    let i = 0;
    if (this.shortPrefixes === 0 && this.root16) {
      const s0 = this.slot[0] ?? -1; // a /0
      if (s0 !== -1) for (const v of this.payloads[s0] as T[]) out.push(v);
      node = this.root16[address >>> 16] ?? 0;
      if (node === 0) return;
      i = 16;
    }
    for (; ; i++) {
      const s = this.slot[node] ?? -1;
      if (s !== -1) {
        const p = this.payloads[s] as T[];
        for (let k = 0; k < p.length; k++) out.push(p[k] as T);
      }
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
