import type { Database } from '../store/index.js';
import { insertAuditRows, lastAuditRow, listAuditRowsAfter, lockAuditChain, type AuditRow } from '../store/index.js';
import type { AuditRecordInput, AuditSink } from './audit-sink.js';
import { ChainVerifier, entryFields, entryHash, genesisHash, type ChainBreak } from './chain.js';

interface Pending {
  input: AuditRecordInput;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The store-backed, hash-chained audit log. One writer per process: records queue up and are
 * appended in order, each batch in one transaction that re-reads the chain's head under the
 * writer lock (see `lockAuditChain`), so two processes extend one chain instead of forking it.
 * Records that arrive while a batch is being written go together in the next one.
 */
export class AuditLog implements AuditSink {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly maxBatch = 1000,
  ) {}

  /** Resolves once the record is committed; rejects if its batch could not be written. */
  record(entry: AuditRecordInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ input: entry, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A record made between the last batch and this callback would otherwise wait forever.
      if (this.queue.length > 0) this.kick();
    });
  }

  /** Appends many records in one transaction (imports, benchmarks); same chain rules as `record`. */
  async recordMany(entries: readonly AuditRecordInput[]): Promise<void> {
    await Promise.all(entries.map((e) => this.record(e)));
  }

  /** Resolves when everything queued so far is written (for shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    // Let records made in the same tick join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.database.db.transaction().execute(async (trx) => {
          await lockAuditChain(trx);
          const head = await lastAuditRow(trx);
          let prevHash = head?.hash ?? genesisHash;
          let seq = head?.seq ?? 0;
          const rows: AuditRow[] = batch.map((p) => {
            const fields = entryFields(++seq, p.input);
            const hash = entryHash(fields, prevHash);
            const row = { ...fields, prevHash, hash };
            prevHash = hash;
            return row;
          });
          await insertAuditRows(trx, rows);
        });
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }
}

/** The outcome of verifying a chain: how many entries were good, and the first break if any. */
export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** The last good entry's hash: record it elsewhere to detect truncation of the tail later. */
  headHash: string;
  headSeq: number;
  firstBreak?: ChainBreak;
}

/**
 * Walks the whole chain in pages of `pageSize` rows (memory stays flat for any length) and stops
 * at the first break. Detects edited, deleted, inserted and reordered rows; a cut-off tail is
 * only visible against a head hash recorded earlier (`expectHead`).
 */
export async function verifyAuditChain(
  database: Database,
  options: { pageSize?: number; expectHead?: { seq: number; hash: string } } = {},
): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  const verifier = new ChainVerifier();
  let after = 0;
  let headHash = genesisHash;
  let headSeq = 0;
  for (;;) {
    const page = await listAuditRowsAfter(database.db, after, pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      const broken = verifier.check(row);
      if (broken) return { ok: false, entries: verifier.count, headHash, headSeq, firstBreak: broken };
      headHash = row.hash;
      headSeq = row.seq;
    }
    after = page[page.length - 1]!.seq;
  }
  const expect = options.expectHead;
  if (expect && (headSeq < expect.seq || (headSeq >= expect.seq && !(await hasEntry(database, expect.seq, expect.hash))))) {
    return {
      ok: false,
      entries: verifier.count,
      headHash,
      headSeq,
      firstBreak: { seq: expect.seq, problem: 'hash_mismatch', message: `entry ${expect.seq} with the recorded head hash is missing or changed: the log was cut or rewritten` },
    };
  }
  return { ok: true, entries: verifier.count, headHash, headSeq };
}

async function hasEntry(database: Database, seq: number, hash: string): Promise<boolean> {
  const [row] = await listAuditRowsAfter(database.db, seq - 1, 1);
  return row?.seq === seq && row.hash === hash;
}

/** One exported line: the stored row with `details` parsed back into JSON. */
export interface AuditExportLine {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target?: { type: string; id: string };
  reason?: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

/** A row in the shape the API and the NDJSON export give it. */
export function toExportLine(r: AuditRow): AuditExportLine {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    ...(r.targetType !== null && r.targetId !== null ? { target: { type: r.targetType, id: r.targetId } } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    details: JSON.parse(r.details) as unknown,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** Streams the log as export lines in seq order, page by page. */
export async function* exportAuditLog(database: Database, options: { sinceAt?: number; pageSize?: number } = {}): AsyncGenerator<AuditExportLine> {
  let after = 0;
  const pageSize = options.pageSize ?? 5000;
  for (;;) {
    const page = await listAuditRowsAfter(database.db, after, pageSize, options.sinceAt !== undefined ? { sinceAt: options.sinceAt } : {});
    if (page.length === 0) return;
    for (const r of page) yield toExportLine(r);
    after = page[page.length - 1]!.seq;
  }
}
