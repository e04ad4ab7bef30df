/**
 * A hash map from pair keys (integers below 2^53, e.g. `a·2^26 + b`) to non-negative int32
 * values, with open addressing over typed arrays. A JavaScript Map boxes such keys as heap
 * numbers, one allocation per lookup; at 10M events that was most of the garbage collector's
 * work. Linear probing, load factor ≤ 0.5, grows by doubling.
 */
export class PairMap {
  private keys: Float64Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let c = 1;
    while (c < capacity * 2) c <<= 1;
    this.keys = new Float64Array(c).fill(-1);
    this.vals = new Int32Array(c);
    this.mask = c - 1;
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Sets `key` to `value` (value ≥ 0). */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) {
        this.vals[i] = value;
        return;
      }
      if (k === -1) {
        this.keys[i] = key;
        this.vals[i] = value;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== -1) this.set(oldKeys[i]!, oldVals[i]!);
  }
}
