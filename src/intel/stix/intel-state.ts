import type { PatternSupport } from '../pattern/support.js';
import { tlpOfObject, type TlpLevel } from './markings.js';
import type { StixObject } from './types.js';

/** Where an object came from: kept on every imported object (the source of a match's evidence). */
export interface Provenance {
  /** A feed, partner or file name, e.g. `taxii:partner-a/collection-1` or `file:apt28.json`. */
  source: string;
  /** When Warden received it (ISO 8601), as given by the caller; not read from a clock here. */
  receivedAt: string;
}

export interface IntelRecord {
  object: StixObject;
  provenance: Provenance;
  /** For indicators: how Warden can evaluate the pattern, or why it cannot. */
  support?: PatternSupport;
}

/**
 * Warden's in-memory view of the intelligence it holds: the current version of each object
 * (STIX 2.1 §3.6) with its provenance. Pure data; the store persists it, the matcher compiles it.
 */
export class IntelState {
  private readonly records = new Map<string, IntelRecord>();

  get size(): number {
    return this.records.size;
  }
  get(id: string): IntelRecord | undefined {
    return this.records.get(id);
  }
  getObject(id: string): StixObject | undefined {
    return this.records.get(id)?.object;
  }
  /** Replaces the record for an id; callers decide versioning (see `importBundle`). */
  put(record: IntelRecord): void {
    this.records.set(record.object.id, record);
  }
  *values(): IterableIterator<IntelRecord> {
    yield* this.records.values();
  }
  *ofType(type: string): IterableIterator<IntelRecord> {
    for (const r of this.records.values()) if (r.object.type === type) yield r;
  }
  /** The TLP level of an object, resolving its marking references against held definitions. */
  tlpOf(obj: StixObject): TlpLevel | null {
    return tlpOfObject(obj, (id) => this.getObject(id));
  }
}
