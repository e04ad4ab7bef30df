/**
 * Maps strings to dense integer ids and back. Linkage works on integers so that a million
 * accounts and tens of millions of observations fit in typed arrays instead of object graphs.
 */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** The id of `value`, assigned on first sight (0, 1, 2, …). */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The id of `value`, or -1 when it was never interned. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  /** The string behind an id; throws on an id this interner never gave out. */
  value(id: number): string {
    const v = this.values[id];
    if (v === undefined) throw new RangeError(`no interned value with id ${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }
}

/** A growable typed array (amortised doubling), for append-only columns. */
export class Column<T extends Uint32Array | Int32Array | Float64Array | Float32Array> {
  data: T;
  length = 0;

  constructor(
    private readonly make: (n: number) => T,
    initial = 1024,
  ) {
    this.data = make(initial);
  }

  push(v: number): number {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length] = v;
    return this.length++;
  }

  private grow(n: number): void {
    const next = this.make(n);
    next.set(this.data);
    this.data = next;
  }
}
