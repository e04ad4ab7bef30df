import { decodeLine, decodeValue, type DecodedEvent, type RawLine, type Rejection } from '../events/index.js';
import { insertEventBatch, type Database } from '../store/index.js';

export interface IngestCounts {
  read: number;
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
}

export interface IngestDeps {
  database: Database;
  /** Wall clock for `received_at` only; detection never reads it. */
  now: () => number;
  /** Called after each commit with the events that were new: the live pipeline's feed. */
  onCommitted?: (inserted: DecodedEvent[]) => void | Promise<void>;
}

export interface IngestHooks {
  /** Each rejected line, as it is found, so a caller can report it without holding them all. */
  onRejected?: (r: Rejection) => void;
  onConflict?: (c: { position: number; id: string }) => void;
  /** After each durable commit, with the running counts: what has been acknowledged so far. */
  onProgress?: (counts: IngestCounts) => void;
}

export const emptyCounts = (): IngestCounts => ({ read: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0 });

async function commit(deps: IngestDeps, batch: DecodedEvent[], counts: IngestCounts, hooks: IngestHooks): Promise<void> {
  if (batch.length > 0) {
    const outcome = await insertEventBatch(deps.database, batch, deps.now());
    counts.accepted += outcome.accepted;
    counts.duplicate += outcome.duplicate;
    counts.conflict += outcome.conflict;
    for (const c of outcome.conflicts) hooks.onConflict?.(c);
    if (deps.onCommitted && outcome.inserted.length > 0) await deps.onCommitted(outcome.inserted);
  }
  hooks.onProgress?.({ ...counts });
}

/**
 * Ingests a stream of NDJSON lines, committing every `commitEvery` valid events. Each commit is
 * durable before it is reported through `onProgress`, and ids make a re-run after a crash safe:
 * what was committed comes back as duplicates, nothing twice.
 */
export async function ingestLines(
  deps: IngestDeps,
  lines: AsyncIterable<RawLine>,
  options: { commitEvery: number } & IngestHooks,
): Promise<IngestCounts> {
  const counts = emptyCounts();
  let batch: DecodedEvent[] = [];
  for await (const line of lines) {
    counts.read++;
    const r: ReturnType<typeof decodeLine> =
      'error' in line ? { ok: false, rejection: { position: line.line, reason: line.error } } : decodeLine(line.line, line.text);
    if (r.ok) batch.push(r.value);
    else {
      counts.rejected++;
      options.onRejected?.(r.rejection);
    }
    if (batch.length >= options.commitEvery) {
      await commit(deps, batch, counts, options);
      batch = [];
    }
  }
  await commit(deps, batch, counts, options);
  return counts;
}

/** Ingests the elements of a JSON array body in one transaction; positions are array indexes. */
export async function ingestValues(deps: IngestDeps, values: unknown[], hooks: IngestHooks = {}): Promise<IngestCounts> {
  const counts = emptyCounts();
  const batch: DecodedEvent[] = [];
  values.forEach((v, i) => {
    counts.read++;
    const r = decodeValue(i, v);
    if (r.ok) batch.push(r.value);
    else {
      counts.rejected++;
      hooks.onRejected?.(r.rejection);
    }
  });
  await commit(deps, batch, counts, hooks);
  return counts;
}
