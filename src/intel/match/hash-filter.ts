/**
 * A membership prefilter for strings: 32-bit FNV-1a hashes in an open-addressing Uint32Array.
 * "No" is certain, "maybe" is confirmed by the real Map. It exists because V8 hashes a fresh
 * string (every value JSON.parse produces) far more slowly on its first Map lookup than this
 * loop does, and almost every event value is absent from the indicator maps.
 */
export class HashFilter {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Uint32Array(size);
    this.mask = size - 1;
  }

  /** FNV-1a over UTF-16 code units, never 0 (0 marks an empty slot). */
  static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0 || 1;
  }

  add(s: string): void {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    this.insert(HashFilter.hash(s));
  }

  private insert(h: number): void {
    let i = h & this.mask;
    for (;;) {
      const v = this.table[i] as number;
      if (v === 0) {
        this.table[i] = h;
        this.count++;
        return;
      }
      if (v === h) return;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.count = 0;
    for (const h of old) if (h !== 0) this.insert(h);
  }

  /** False when the string was certainly never added. */
  mayContain(s: string): boolean {
    const h = HashFilter.hash(s);
    let i = h & this.mask;
    for (;;) {
      const v = this.table[i] as number;
      if (v === 0) return false;
      if (v === h) return true;
      i = (i + 1) & this.mask;
    }
  }
}
