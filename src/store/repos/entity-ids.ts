/**
 * A bounded cache of (type, value) → `entities.id`. Ids never change once committed, so a hit
 * needs no query. Two generations keep memory bounded without a miss storm: lookups read the
 * young generation, then the old one (promoting hits); when the young one fills, it becomes the
 * old one and the previous old one is dropped, so recently used ids survive. The whole cache is
 * dropped when a transaction fails, since it may hold ids of rows that were rolled back.
 */
export class EntityIdCache {
  private young = new Map<string, Map<string, number>>();
  private old = new Map<string, Map<string, number>>();
  private youngSize = 0;

  constructor(private readonly generationSize = 100_000) {}

  get(type: string, value: string): number | undefined {
    const hit = this.young.get(type)?.get(value);
    if (hit !== undefined) return hit;
    const aged = this.old.get(type)?.get(value);
    if (aged !== undefined) this.set(type, value, aged);
    return aged;
  }

  set(type: string, value: string, id: number): void {
    if (this.youngSize >= this.generationSize) {
      this.old = this.young;
      this.young = new Map<string, Map<string, number>>();
      this.youngSize = 0;
    }
    let values = this.young.get(type);
    if (!values) this.young.set(type, (values = new Map<string, number>()));
    if (!values.has(value)) this.youngSize++;
    values.set(value, id);
  }

  clear(): void {
    this.young = new Map<string, Map<string, number>>();
    this.old = new Map<string, Map<string, number>>();
    this.youngSize = 0;
  }
}
