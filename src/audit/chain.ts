import { createHash } from 'node:crypto';
import { canonicalJson } from '../events/index.js';
import type { AuditRecordInput } from './audit-sink.js';

/** The `prev_hash` of the first entry: no entry precedes it. */
export const genesisHash = '0'.repeat(64);

/** An entry's fields as stored, before hashing. `details` is canonical JSON text. */
export interface AuditEntryFields {
  seq: number;
  at: number;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: string;
}

/**
 * SHA-256 over a canonical encoding of the entry and the previous hash. The encoding is a JSON
 * array in a fixed field order (no key order to disagree on), and `details` is already
 * canonical JSON text, so the same entry hashes the same in every process and dialect.
 */
export function entryHash(e: AuditEntryFields, prevHash: string): string {
  const encoded = JSON.stringify([1, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.reason, e.details, prevHash]);
  return createHash('sha256').update(encoded).digest('hex');
}

/** The stored fields of a record about to get sequence number `seq`. */
export function entryFields(seq: number, input: AuditRecordInput): AuditEntryFields {
  return {
    seq,
    at: input.at,
    actor: input.actor,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    reason: input.reason ?? null,
    details: canonicalJson(input.details ?? {}),
  };
}

/** Where a chain first goes wrong, and how. */
export interface ChainBreak {
  seq: number;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'seq_order';
  message: string;
}

/**
 * Checks a chain one row at a time, holding only the previous row, so a million entries cost
 * constant memory. Feed rows in stored seq order; `check` returns the first break.
 */
export class ChainVerifier {
  private prevHash = genesisHash;
  private prevSeq = 0;
  count = 0;

  check(row: AuditEntryFields & { prevHash: string; hash: string }): ChainBreak | undefined {
    if (row.seq <= this.prevSeq) return { seq: row.seq, problem: 'seq_order', message: `entry ${row.seq} follows entry ${this.prevSeq}: rows are out of order` };
    if (row.seq !== this.prevSeq + 1)
      return { seq: row.seq, problem: 'seq_gap', message: `entry ${row.seq} follows entry ${this.prevSeq}: ${row.seq - this.prevSeq - 1} entr(ies) missing` };
    if (row.prevHash !== this.prevHash)
      return { seq: row.seq, problem: 'prev_hash_mismatch', message: `entry ${row.seq} does not point at entry ${this.prevSeq}'s hash: an entry before it was changed, removed or inserted` };
    if (entryHash(row, row.prevHash) !== row.hash)
      return { seq: row.seq, problem: 'hash_mismatch', message: `entry ${row.seq}'s content does not match its hash: it was edited` };
    this.prevHash = row.hash;
    this.prevSeq = row.seq;
    this.count++;
    return undefined;
  }
}
