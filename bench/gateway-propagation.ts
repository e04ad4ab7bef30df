/**
 * Ban propagation (issue 8): the time from a ban published on one replica to the first refused
 * request on another. Scale-out: replicas A and B are separate Warden processes over one Redis
 * and one PostgreSQL (both throwaway instances started here). Each trial bans a fresh account
 * through A's control listener (A stores the entry and publishes it on Redis) while this
 * process sends that account's requests to B back to back, one at a time; the figure is from
 * the moment the ban was asked of A to the refused answer from B, so it includes A's store
 * write and publish (what a real ban pays) and is resolved to one request's round trip (the
 * stub answers at once here, so allowed requests are short). Embedded: the same with one
 * replica and its in-process bus. `--trials` (default 100) per mode.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { insertBlockEntries, migrateUp, openDatabase } from '../src/store/index.js';
import { startPostgres } from '../test/harness/postgres.js';
import { startRedis } from '../test/harness/redis.js';
import { arg, fmt, report } from './harness.js';
import {
  chatBody,
  createBenchKeys,
  prepareSqlite,
  quantile,
  seedEntries,
  startStub,
  startWarden,
  type Child,
} from './gateway-common.js';

const trials = Number(arg('trials', '100'));
const keys = trials + 1;

interface Trial {
  /** ms from asking A to ban to B's first refusal. */
  refusedMs: number;
  /** ms until A answered that the ban was stored and published. */
  publishedMs: number;
  requests: number;
  status: number;
}

async function runTrials(publisher: Child, enforcer: Child, secrets: string[]): Promise<Trial[]> {
  const ctl = new Pool(`http://127.0.0.1:${publisher.info.control}`, { connections: 1 });
  const gw = new Pool(`http://127.0.0.1:${enforcer.info.port}`, { connections: 1 });
  const send = async (k: number): Promise<number> => {
    const r = await gw.request({
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets[k]}` },
      body: chatBody(k),
    });
    await r.body.dump();
    return r.statusCode;
  };
  const out: Trial[] = [];
  try {
    for (let k = 0; k < trials; k++) {
      if ((await send(k)) !== 200) throw new Error(`account ${k} refused before its ban`);
      const t0 = process.hrtime.bigint();
      let publishedAt = 0n;
      const banned = ctl.request({ path: `/ban?account=acct_${k}`, method: 'POST' }).then(async (r) => {
        await r.body.dump();
        if (r.statusCode !== 204) throw new Error(`ban failed: ${r.statusCode}`);
        publishedAt = process.hrtime.bigint();
      });
      let requests = 0;
      let status = 200;
      while (status === 200) {
        status = await send(k);
        requests++;
        if (requests > 100_000) throw new Error('ban never propagated');
      }
      const refusedAt = process.hrtime.bigint();
      await banned;
      out.push({
        refusedMs: Number(refusedAt - t0) / 1e6,
        publishedMs: Number(publishedAt - t0) / 1e6,
        requests,
        status,
      });
    }
  } finally {
    await ctl.close();
    await gw.close();
  }
  return out;
}

function summarise(name: string, t: Trial[]) {
  const r = t.map((x) => x.refusedMs);
  const p = t.map((x) => x.publishedMs);
  const fig = {
    trials: t.length,
    refusedMs: { p50: quantile(r, 0.5), p90: quantile(r, 0.9), p99: quantile(r, 0.99), max: Math.max(...r) },
    publishedMs: { p50: quantile(p, 0.5), p99: quantile(p, 0.99) },
    statuses: [...new Set(t.map((x) => x.status))],
    requestsUntilRefusedP50: quantile(
      t.map((x) => x.requests),
      0.5,
    ),
  };
  console.log(
    `${name}: ban → first refusal p50 ${fmt(fig.refusedMs.p50, 2)} ms, p90 ${fmt(fig.refusedMs.p90, 2)} ms, p99 ${fmt(fig.refusedMs.p99, 2)} ms, max ${fmt(fig.refusedMs.max, 2)} ms over ${t.length} trials (goal < 1000 ms); ` +
      `ban stored+published p50 ${fmt(fig.publishedMs.p50, 2)} ms; refusal status ${fig.statuses.join(',')}`,
  );
  return fig;
}

const redis = await startRedis();
const postgres = await startPostgres();
const stub = await startStub(0);
const children: Child[] = [stub];
try {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase(loadConfig({ WARDEN_DATABASE_URL: postgres.url }), { schema, poolSize: 2 });
  const m = await migrateUp(database.db);
  if (!m.ok) throw new Error(`migration failed: ${m.error}`);
  await insertBlockEntries(database.db, seedEntries());
  const secrets = await createBenchKeys(database.db, keys);
  await database.close();

  const upstream = `http://127.0.0.1:${stub.info.port}`;
  const common = { upstream, database: postgres.url, schema, redisUrl: redis.url, keyPrefix: 'bench:' };
  const a = await startWarden(common);
  const b = await startWarden(common);
  children.push(a, b);
  const scaleOut = summarise('scale-out (A publishes via Redis, B refuses)', await runTrials(a, b, secrets));
  await a.stop();
  await b.stop();

  const prepared = await prepareSqlite(keys);
  const embedded = await startWarden({ upstream, database: prepared.database });
  children.push(embedded);
  const emb = summarise(
    'embedded (one process, in-process bus)',
    await runTrials(embedded, embedded, prepared.secrets),
  );
  console.log(`ratio scale-out / embedded (p50): ${fmt(scaleOut.refusedMs.p50 / emb.refusedMs.p50, 2)}×`);
  report('gateway-propagation', { scaleOut, embedded: emb });
} finally {
  for (const c of children) await c.stop();
  await redis.stop();
  await postgres.stop();
}
