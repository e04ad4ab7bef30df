/**
 * A bounded cache of (type, value) → `entities.id`. Ids never change once committed, so a hit
 * needs no query; the cache is dropped whole when a transaction fails (it may hold ids of rows
 * that were rolled back) or when it grows past its bound. Two levels of maps, so a lookup never
 * builds a joined key string on the hot path.
 */
export class EntityIdCache {
  private readonly byType = new Map<string, Map<string, number>>();
  private size = 0;

  constructor(private readonly maxEntries = 2_000_000) {}

  get(type: string, value: string): number | undefined {
    return this.byType.get(type)?.get(value);
  }

  set(type: string, value: string, id: number): void {
    if (this.size >= this.maxEntries) this.clear();
    let values = this.byType.get(type);
    if (!values) this.byType.set(type, (values = new Map<string, number>()));
    if (!values.has(value)) this.size++;
    values.set(value, id);
  }

  clear(): void {
    this.byType.clear();
    this.size = 0;
  }
}
