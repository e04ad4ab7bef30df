/**
 * bench:audit — the hash-chained audit log against a baseline of plain inserts into a table of
 * the same shape (no hashing, no chain, no lock), in the same run and the same database:
 * appends per second one at a time (each awaited, its own transaction) and batched (records
 * queued together, 1,000 per transaction); then the time and memory to verify a chain of
 * --verify-entries (default 1,000,000) entries. SQLite always; PostgreSQL unless --no-pg.
 *
 *   npm run bench:audit [-- --single 2000 --batched 100000 --verify-entries 1000000 --no-pg]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { AuditLog, verifyAuditChain, type AuditRecordInput } from '../src/audit/index.js';
import { loadConfig } from '../src/config/index.js';
import { migrateUp, openDatabase, type Database } from '../src/store/index.js';
import { startPostgres } from '../test/harness/postgres.js';
import { arg, fmt, peakRssMb, report } from './harness.js';

const single = Number(arg('single', '2000'));
const batched = Number(arg('batched', '100000'));
const verifyEntries = Number(arg('verify-entries', '1000000'));
const withPg = !process.argv.includes('--no-pg');

const entry = (i: number): AuditRecordInput => ({
  at: 1_800_000_000_000 + i,
  actor: `user:${i % 50}`,
  action: i % 3 === 0 ? 'action.executed' : 'case.state_changed',
  target: { type: 'case', id: `case-${i % 1000}` },
  reason: i % 5 === 0 ? 'confirmed network ban after review' : undefined,
  details: { from: 'triage', to: 'investigating', n: i },
});

async function createBaselineTable(database: Database): Promise<void> {
  await sql`create table audit_baseline (seq bigint primary key, at bigint not null, actor text not null, action text not null, target_type text, target_id text, reason text, details text not null, prev_hash text not null, hash text not null)`.execute(database.db);
}

/** The same row as the audit log writes (same columns, same JSON text, 64-char hash fields), minus the chain. */
function baselineRow(i: number) {
  const e = entry(i);
  return { seq: i, at: e.at, actor: e.actor, action: e.action, target_type: e.target?.type ?? null, target_id: e.target?.id ?? null, reason: e.reason ?? null, details: JSON.stringify(e.details), prev_hash: '0'.repeat(64), hash: '0'.repeat(64) };
}

type AnyDb = { insertInto(t: 'audit_baseline'): { values(v: unknown): { execute(): Promise<unknown> } } };

async function baselineSingle(database: Database, n: number, from: number): Promise<number> {
  const db = database.db as unknown as AnyDb;
  const t = performance.now();
  for (let i = 0; i < n; i++) await db.insertInto('audit_baseline').values(baselineRow(from + i)).execute();
  return n / ((performance.now() - t) / 1000);
}

async function baselineBatched(database: Database, n: number, from: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await database.db.transaction().execute(async (trx) => {
      const db = trx as unknown as AnyDb;
      for (let j = i; j < Math.min(n, i + 1000); j += 500) {
        await db.insertInto('audit_baseline').values(Array.from({ length: Math.min(500, Math.min(n, i + 1000) - j) }, (_, k) => baselineRow(from + j + k))).execute();
      }
    });
  }
  return n / ((performance.now() - t) / 1000);
}

async function auditSingle(log: AuditLog, n: number, from: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await log.record(entry(from + i));
  return n / ((performance.now() - t) / 1000);
}

async function auditBatched(log: AuditLog, n: number, from: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i += 10_000) await log.recordMany(Array.from({ length: Math.min(10_000, n - i) }, (_, k) => entry(from + i + k)));
  return n / ((performance.now() - t) / 1000);
}

async function run(label: string, database: Database): Promise<Record<string, unknown>> {
  await migrateUp(database.db);
  await createBaselineTable(database);
  const log = new AuditLog(database);
  // Warm-up of both paths, untimed.
  await baselineSingle(database, 100, 10_000_000);
  await auditSingle(log, 100, 0);
  const bSingle = await baselineSingle(database, single, 0);
  const aSingle = await auditSingle(log, single, 100);
  const bBatched = await baselineBatched(database, batched, 1_000_000);
  const aBatched = await auditBatched(log, batched, 100 + single);
  console.log(`${label}: single   audit ${fmt(aSingle)}/s  baseline ${fmt(bSingle)}/s  ratio ${fmt(aSingle / bSingle, 2)}`);
  console.log(`${label}: batched  audit ${fmt(aBatched)}/s  baseline ${fmt(bBatched)}/s  ratio ${fmt(aBatched / bBatched, 2)}`);

  // Fill the chain to verifyEntries (untimed), then verify it whole.
  let have = 100 + single + batched;
  while (have < verifyEntries) {
    const n = Math.min(100_000, verifyEntries - have);
    await log.recordMany(Array.from({ length: n }, (_, k) => entry(have + k)));
    have += n;
  }
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
  const t = performance.now();
  const verified = await verifyAuditChain(database);
  const verifySeconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  // The baseline for verification: reading the same rows with no hashing.
  const tr = performance.now();
  for (let after = 0; ; ) {
    const rows = await sql<{ seq: number }>`select * from audit_log where seq > ${after} order by seq limit 5000`.execute(database.db);
    if (rows.rows.length === 0) break;
    after = Number(rows.rows[rows.rows.length - 1]!.seq);
  }
  const readSeconds = (performance.now() - tr) / 1000;
  console.log(
    `${label}: verify ${fmt(verified.entries)} entries in ${fmt(verifySeconds, 1)} s (${fmt(verified.entries / verifySeconds)}/s), ok=${verified.ok}; reading them without hashing ${fmt(readSeconds, 1)} s (ratio ${fmt(verifySeconds / readSeconds, 2)}); heap growth during verify ≤ ${fmt((heapPeak - heapBefore) / 1e6, 1)} MB`,
  );
  return {
    single: { audit: aSingle, baseline: bSingle, ratio: aSingle / bSingle, n: single },
    batched: { audit: aBatched, baseline: bBatched, ratio: aBatched / bBatched, n: batched },
    verify: { entries: verified.entries, ok: verified.ok, seconds: verifySeconds, readOnlySeconds: readSeconds, ratio: verifySeconds / readSeconds, heapGrowthMb: (heapPeak - heapBefore) / 1e6 },
  };
}

const figures: Record<string, unknown> = {};
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-audit-'));
const sqlite = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
try {
  figures.sqlite = await run('sqlite', sqlite);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
if (withPg) {
  const pg = await startPostgres();
  const database = openDatabase(loadConfig({ WARDEN_DATABASE_URL: pg.url }));
  try {
    figures.postgres = await run('postgres', database);
  } finally {
    await database.close();
    await pg.stop();
  }
}
figures.peakRssMb = peakRssMb();
console.log(`peak RSS ${fmt(peakRssMb())} MB`);
report('audit', figures);
