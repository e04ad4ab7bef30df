/**
 * bench:field-encryption — `warden ingest` throughput with encryption at rest off and on, in the
 * same run on the same file (SQLite, and PostgreSQL unless --no-pg), plus reading every stored
 * event back (the replay the live pipeline does at start), each measurement in a fresh process.
 * Off and on alternate `--rounds` times; the best of each is compared (ratio on/off).
 *
 *   npm run bench:field-encryption [-- --events 200000 --rounds 2 --no-pg]
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { readLines } from '../src/events/index.js';
import { ingestLines } from '../src/ingest/index.js';
import { countEvents, listEventsAfter, migrateUp, openDatabase } from '../src/store/index.js';
import { startPostgres } from '../test/harness/postgres.js';
import { arg, fmt, peakRssMb, report, runChild } from './harness.js';
import { writeSyntheticEvents } from './synthetic-events.js';

const script = fileURLToPath(import.meta.url);

interface Result {
  events: number;
  ingestSeconds: number;
  ingestPerSecond: number;
  readSeconds: number;
  readPerSecond: number;
  rawBytes: number;
  peakRssMb: number;
}

/** One measurement: a fresh database, the file ingested, then every event read back in seq order. */
async function child(): Promise<void> {
  const [, file, key, pgUrl] = process.argv.slice(process.argv.indexOf('--child'));
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-enc-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const env = {
    WARDEN_DATA_DIR: dir,
    ...(key && key !== '-' ? { WARDEN_PRIVACY_ENCRYPTION_KEY: key } : {}),
    ...(pgUrl ? { WARDEN_DATABASE_URL: pgUrl } : {}),
  };
  const database = openDatabase(loadConfig(env), pgUrl ? { schema } : {});
  await migrateUp(database.db);
  const t0 = performance.now();
  const counts = await ingestLines(
    { database, now: Date.now },
    readLines(createReadStream(file!, { highWaterMark: 1 << 20 }), { maxLineBytes: 1 << 20 }),
    { commitEvery: 5000 },
  );
  const ingestMs = performance.now() - t0;
  if ((await countEvents(database.db)) !== counts.accepted) throw new Error('event count mismatch');
  let read = 0;
  const t1 = performance.now();
  for (let after = 0; ;) {
    const page = await listEventsAfter(database.db, after, 5000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    read += page.length;
  }
  const readMs = performance.now() - t1;
  const size = await sql<{ n: number | string }>`SELECT sum(length(raw)) AS n FROM events`.execute(
    database.db,
  );
  const rawBytes = Number(size.rows[0]?.n ?? 0);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
  const r: Result = {
    events: counts.accepted,
    ingestSeconds: ingestMs / 1000,
    ingestPerSecond: counts.accepted / (ingestMs / 1000),
    readSeconds: readMs / 1000,
    readPerSecond: read / (readMs / 1000),
    rawBytes,
    peakRssMb: peakRssMb(),
  };
  console.log(JSON.stringify(r));
}

async function main(): Promise<void> {
  const events = Number(arg('events', '200000'));
  const rounds = Number(arg('rounds', '2'));
  const withPg = !process.argv.includes('--no-pg');
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-enc-data-'));
  const file = join(dir, 'events.ndjson');
  await writeSyntheticEvents(file, events, Math.floor(events / 10), 1);
  const key = randomBytes(32).toString('base64');
  console.log(
    `bench:field-encryption  ${fmt(events)} synthetic events, off/on alternating ${rounds}×, best of each\n`,
  );
  const best = (rs: Result[]): Result => rs.reduce((a, b) => (b.ingestPerSecond > a.ingestPerSecond ? b : a));
  const bestRead = (rs: Result[]) => Math.max(...rs.map((r) => r.readPerSecond));
  const figures: Record<string, unknown> = { events, rounds };
  const measure = async (label: string, pgUrl?: string) => {
    const off: Result[] = [];
    const on: Result[] = [];
    for (let i = 0; i < rounds; i++) {
      off.push(await runChild<Result>(script, [file, '-', ...(pgUrl ? [pgUrl] : [])]));
      on.push(await runChild<Result>(script, [file, key, ...(pgUrl ? [pgUrl] : [])]));
    }
    const a = best(off);
    const b = best(on);
    const row = (name: string, v: number, unit: string, ratio?: number) =>
      console.log(
        `  ${`${label}: ${name}`.padEnd(44)} ${fmt(v).padStart(10)} ${unit}${ratio !== undefined ? `   ratio on/off ${fmt(ratio, 3)}` : ''}`,
      );
    row('ingest, encryption off', a.ingestPerSecond, 'events/s');
    row('ingest, encryption on', b.ingestPerSecond, 'events/s', b.ingestPerSecond / a.ingestPerSecond);
    row('read back, encryption off', bestRead(off), 'events/s');
    row('read back, encryption on', bestRead(on), 'events/s', bestRead(on) / bestRead(off));
    console.log(
      `  ${`${label}: stored raw size on/off`.padEnd(44)} ${fmt(b.rawBytes / a.rawBytes, 3).padStart(10)} (characters in the raw column: base64 of the ciphertext)`,
    );
    figures[label] = {
      off,
      on,
      ingestRatio: b.ingestPerSecond / a.ingestPerSecond,
      readRatio: bestRead(on) / bestRead(off),
    };
  };
  await measure('sqlite');
  if (withPg) {
    const server = await startPostgres();
    try {
      await measure('postgres', server.url);
    } finally {
      await server.stop();
    }
  }
  report('field-encryption', figures);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--child')) await child();
else await main();
