/**
 * bench:ingest — events from NDJSON into the store, beside the ceiling of the same rows written by
 * a bare better-sqlite3 loop, then HTTP ingest in 1,000-event batches, then PostgreSQL.
 *
 *   npm run bench:ingest [-- --events 1000000 --http-events 200000 --no-pg]
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { loadConfig } from '../src/config/index.js';
import { decodeLine, readLines, type DecodedEvent } from '../src/events/index.js';
import { ingestLines } from '../src/ingest/index.js';
import { createRuntime } from '../src/server/index.js';
import { createLogger } from '../src/observability/index.js';
import { createApiKey, countEvents, migrateUp, openDatabase } from '../src/store/index.js';
import { aggregatePairs, sortPairs } from '../src/store/repos/events.repo.js';
import { startPostgres } from '../test/harness/postgres.js';
import { arg, fmt, peakRssMb, report, runChild } from './harness.js';
import { writeSyntheticEvents } from './synthetic-events.js';

const script = fileURLToPath(import.meta.url);
const COMMIT_EVERY = 5000;

interface Result {
  events: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
}

const result = (events: number, ms: number): Result => ({ events, seconds: ms / 1000, perSecond: events / (ms / 1000), peakRssMb: peakRssMb() });

/** The ceiling: decoding and aggregation untimed, then only the inserts, with cached statements. */
async function ceiling(file: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
  await migrateUp(database.db);
  // Ids are handed out in memory, untimed: the ceiling writes the same rows and no more.
  const ids = new Map<string, number>();
  const newEntities: [number, string, string][][] = [];
  const idOf = (type: string, value: string) => {
    const key = `${type}\u0000${value}`;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = ids.size + 1));
      newEntities[newEntities.length - 1]!.push([id, type, value]);
    }
    return id;
  };
  const batches: { events: DecodedEvent[]; accountIds: number[]; pairs: ReturnType<typeof aggregatePairs> }[] = [];
  let current: DecodedEvent[] = [];
  const close = () => {
    newEntities.push([]);
    const accountIds = current.map((d) => idOf('account', d.event.account));
    batches.push({ events: current, accountIds, pairs: sortPairs(aggregatePairs(current, idOf)) });
    current = [];
  };
  for await (const l of readLines(createReadStream(file), { maxLineBytes: 1 << 20 })) {
    if (!('text' in l)) continue;
    const r = decodeLine(l.line, l.text);
    if (r.ok) current.push(r.value);
    if (current.length === COMMIT_EVERY) close();
  }
  if (current.length) close();
  const s = database.sqlite!;
  const insertEntity = s.prepare('INSERT INTO entities (id, type, value) VALUES (?, ?, ?)');
  const insert = s.prepare('INSERT INTO events (id, time, time_ms, kind, account, account_id, raw, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const upsert = s.prepare(
    `INSERT INTO entity_accounts (entity_id, account_id, first_seen, last_seen, event_count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity_id, account_id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
       last_seen = max(last_seen, excluded.last_seen), event_count = event_count + excluded.event_count`,
  );
  let n = 0;
  const t0 = performance.now();
  batches.forEach((b, i) => {
    s.transaction(() => {
      for (const [id, type, value] of newEntities[i]!) insertEntity.run(id, type, value);
      b.events.forEach((d, j) => insert.run(d.event.id, d.event.time, d.timeMs, d.event.kind, d.event.account, b.accountIds[j], d.raw, 1));
      for (const p of b.pairs) upsert.run(p.entityId, p.accountId, p.first, p.last, p.count);
    })();
    n += b.events.length;
  });
  const r = result(n, performance.now() - t0);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

/** Warden's own path, end to end: read, validate, normalise, store, index. */
async function warden(file: string, databaseUrl?: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir, ...(databaseUrl ? { WARDEN_DATABASE_URL: databaseUrl } : {}) }));
  await migrateUp(database.db);
  const t0 = performance.now();
  const counts = await ingestLines({ database, now: Date.now }, readLines(createReadStream(file, { highWaterMark: 1 << 20 }), { maxLineBytes: 1 << 20 }), {
    commitEvery: COMMIT_EVERY,
  });
  const r = result(counts.accepted, performance.now() - t0);
  if ((await countEvents(database.db)) !== counts.read) throw new Error('event count mismatch');
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

/** Only reading lines and JSON.parse: the floor any ingest path pays. */
async function parseOnly(file: string): Promise<Result> {
  let n = 0;
  const t0 = performance.now();
  for await (const l of readLines(createReadStream(file, { highWaterMark: 1 << 20 }), { maxLineBytes: 1 << 20 })) {
    if ('text' in l) {
      JSON.parse(l.text);
      n++;
    }
  }
  return result(n, performance.now() - t0);
}

/** POST /api/v1/events over loopback in 1,000-event NDJSON batches, `concurrency` in flight. */
async function http(file: string, databaseUrl?: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const config = loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_SERVER_PORT: '0', ...(databaseUrl ? { WARDEN_DATABASE_URL: databaseUrl } : {}) });
  const runtime = await createRuntime(config, { logger: createLogger('warn') });
  const url = await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await createApiKey(runtime.database.db, 'bench', 'ingest', Date.now());
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i += 1000) bodies.push(lines.slice(i, i + 1000).join('\n'));
  const pool = new Pool(url, { connections: 8, pipelining: 1 });
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await pool.request({
        method: 'POST',
        path: '/api/v1/events',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      const json = (await res.body.json()) as { accepted: number };
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      accepted += json.accepted;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, worker));
  const r = result(accepted, performance.now() - t0);
  await pool.close();
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

/** A new, empty database on the benchmark's PostgreSQL server, so runs never see each other's ids. */
async function freshPgDatabase(url: string | undefined, name: string): Promise<string | undefined> {
  if (!url) return undefined;
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return url.replace(/\/[^/]*$/, `/${name}`);
}

async function child(): Promise<void> {
  const [, , , mode, file, serverUrl] = process.argv;
  const url = await freshPgDatabase(serverUrl, `bench_${mode}`);
  const modes: Record<string, () => Promise<Result>> = {
    ceiling: () => ceiling(file!),
    warden: () => warden(file!, url),
    parse: () => parseOnly(file!),
    http: () => http(file!, url),
  };
  console.log(JSON.stringify(await modes[mode!]!()));
}

async function main(): Promise<void> {
  const events = Number(arg('events', '1000000'));
  const httpEvents = Number(arg('http-events', '200000'));
  const withPg = !process.argv.includes('--no-pg');
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-data-'));
  const file = join(dir, 'events.ndjson');
  const httpFile = join(dir, 'http.ndjson');
  await writeSyntheticEvents(file, events, Math.floor(events / 10), 1);
  await writeSyntheticEvents(httpFile, httpEvents, Math.floor(httpEvents / 10), 2);
  console.log(`bench:ingest  ${fmt(events)} synthetic events (${fmt(events / 10)} accounts), commit every ${COMMIT_EVERY}\n`);

  const parse = await runChild<Result>(script, ['parse', file]);
  const ceil = await runChild<Result>(script, ['ceiling', file]);
  const sqlite = await runChild<Result>(script, ['warden', file]);
  const httpSqlite = await runChild<Result>(script, ['http', httpFile]);
  const row = (name: string, r: Result, base?: Result) =>
    console.log(`  ${name.padEnd(46)} ${fmt(r.perSecond).padStart(10)} events/s  ${fmt(r.seconds, 1).padStart(6)} s  peak RSS ${fmt(r.peakRssMb).padStart(5)} MB${base ? `  ratio ${fmt(r.perSecond / base.perSecond, 2)}` : ''}`);
  row('read + JSON.parse only (floor of any path)', parse);
  row('ceiling: bare better-sqlite3 loop, same rows', ceil);
  row('warden ingest → SQLite', sqlite, ceil);
  row(`HTTP POST /api/v1/events, 1k batches → SQLite`, httpSqlite, sqlite);
  const figures: Record<string, unknown> = { events, parse, ceiling: ceil, sqlite, httpSqlite, ratioToCeiling: sqlite.perSecond / ceil.perSecond };
  if (withPg) {
    const pg = await startPostgres();
    try {
      const pgFile = await runChild<Result>(script, ['warden', file, pg.url]);
      row('warden ingest → PostgreSQL', pgFile, sqlite);
      const pgHttp = await runChild<Result>(script, ['http', httpFile, pg.url]);
      row('HTTP POST /api/v1/events, 1k batches → PostgreSQL', pgHttp, pgFile);
      Object.assign(figures, { postgres: pgFile, httpPostgres: pgHttp });
    } finally {
      await pg.stop();
    }
  }
  console.log('\n  ratios: warden/ceiling (SQLite); HTTP/file ingest; PostgreSQL/SQLite; HTTP(PG)/file(PG)');
  report('ingest', figures);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--child')) await child();
else await main();
