/**
 * Enforcement propagation (issue 6): the time from a lead's confirmed decision — the approve
 * call on Warden's API returning — to the gateway refusing the banned network's next request.
 * Each trial: a fresh two-account network (a case from a detection, entities in the store, a
 * gateway key for one member) is proposed for a network ban by an analyst over HTTP; the clock
 * starts when the lead's approve request is sent, `approve` is when its answer arrives (block
 * entries committed, change published), and `refused` is when the member's next request through
 * the gateway comes back refused (requests are sent back to back, so it is resolved to one
 * request's round trip). Baseline, same run: the round trip of that member's allowed request
 * just before the decision, so `refused after approve ÷ allowed round trip` says how many
 * requests' worth of time a banned network keeps being served (1.0 means the very next one).
 *
 * Modes: embedded (SQLite, the API and the gateway in one process sharing the in-process bus)
 * and Redis (PostgreSQL and Redis started here; the gateway is a separate runtime with its own
 * database pool and its own Redis-fed blocklist copy, so the change crosses Redis pub/sub — in
 * this process, not a second one). `--trials` (default 30) per mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { syncCasesFromReport } from '../src/cases/index.js';
import { loadConfig, type WardenConfig } from '../src/config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../src/gateway/gateway-runtime.js';
import { ingestValues } from '../src/ingest/index.js';
import { createLogger } from '../src/observability/index.js';
import { createRuntime, type Runtime } from '../src/server/index.js';
import { createApiKey, createGatewayKey, openDatabase } from '../src/store/index.js';
import { startPostgres } from '../test/harness/postgres.js';
import { startRedis } from '../test/harness/redis.js';
import { report as reportFixture, reportAccount, reportNetwork } from '../test/cases/report-fixture.js';
import { startStubUpstream } from '../test/gateway/upstream.js';
import { arg, fmt, report } from './harness.js';
import { quantile } from './gateway-common.js';

const trials = Number(arg('trials', '30'));
const logger = createLogger('silent');

interface Trial {
  allowedMs: number;
  approveMs: number;
  refusedAfterApproveMs: number;
  requestsAfterApprove: number;
}

const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;

async function runMode(name: string, config: Readonly<WardenConfig>, separateGateway: boolean): Promise<Trial[]> {
  const api: Runtime = await createRuntime(config, { logger, gateway: !separateGateway });
  let gw: GatewayRuntime;
  let gwDb: ReturnType<typeof openDatabase> | undefined;
  if (separateGateway) {
    gwDb = openDatabase(config);
    gw = await createGatewayRuntime({ config, database: gwDb, logger, spillDir: join(tmpdir(), `warden-bench-spill-${process.pid}`) });
  } else gw = api.gateway!;
  const apiAddr = await api.app.listen({ port: 0, host: '127.0.0.1' });
  const gwAddr = await gw.listen(0, '127.0.0.1');
  const apiPool = new Pool(apiAddr, { connections: 2 });
  const gwPool = new Pool(`http://127.0.0.1:${gwAddr.port}`, { connections: 1 });
  const analyst = `Bearer ${(await createApiKey(api.database.db, 'bench-analyst', 'analyst', Date.now())).secret}`;
  const lead = `Bearer ${(await createApiKey(api.database.db, 'bench-lead', 'lead', Date.now())).secret}`;

  // Networks, their entities and cases, and a gateway key per network: set up before the clock runs.
  const secrets: string[] = [];
  const accounts = [];
  const networks = [];
  const events = [];
  for (let k = 0; k < trials; k++) {
    const members = [`${name}_n${k}_a`, `${name}_n${k}_b`];
    for (const m of members) events.push({ id: `${name}-${m}`, time: '2024-03-01T10:00:00Z', kind: 'login', account: m, device: `${name}-dev-${k}`, ip: `10.${k % 250}.0.${members.indexOf(m) + 1}` });
    accounts.push(...members.map((m) => reportAccount(m, `net-${name}-${k}`, ['bench@1'])));
    networks.push(reportNetwork(`net-${name}-${k}`, members, null));
    secrets.push((await createGatewayKey(api.database.db, { account: members[0]!, name: members[0]! }, Date.now())).secret);
  }
  await ingestValues({ database: api.database, now: Date.now }, events, {});
  await gw.keys.refresh();
  await syncCasesFromReport({ database: api.database, config: config.cases, now: Date.now }, reportFixture(accounts, networks));

  const send = async (k: number): Promise<number> => {
    const r = await gwPool.request({
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { authorization: `Bearer ${secrets[k]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `hello ${k}` }] }),
    });
    await r.body.dump();
    return r.statusCode;
  };
  const call = async (path: string, auth: string, body: unknown) => {
    const r = await apiPool.request({ path, method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await r.body.text();
    if (r.statusCode >= 300) throw new Error(`${path}: ${r.statusCode} ${text}`);
    return JSON.parse(text) as { id: string; state: string };
  };

  const out: Trial[] = [];
  try {
    for (let k = 0; k < trials; k++) {
      const first = await send(k);
      if (first !== 200) throw new Error(`network ${k} refused before its ban (${first})`);
      const a0 = process.hrtime.bigint();
      if ((await send(k)) !== 200) throw new Error(`network ${k} refused before its ban`);
      const allowedMs = ms(a0, process.hrtime.bigint());
      const proposed = await call('/api/v1/actions', analyst, { targetType: 'network', targetId: `net-${name}-${k}`, kind: 'network-ban', reason: 'bench' });
      const t0 = process.hrtime.bigint();
      const approved = await call(`/api/v1/actions/${proposed.id}/approve`, lead, {});
      const t1 = process.hrtime.bigint();
      if (approved.state !== 'executed') throw new Error(`approve left the action ${approved.state}`);
      let requests = 0;
      let status = 200;
      while (status === 200) {
        status = await send(k);
        requests++;
        if (requests > 100_000) throw new Error('ban never reached the gateway');
      }
      const t2 = process.hrtime.bigint();
      out.push({ allowedMs, approveMs: ms(t0, t1), refusedAfterApproveMs: ms(t1, t2), requestsAfterApprove: requests });
    }
  } finally {
    await apiPool.close();
    await gwPool.close();
    if (separateGateway) {
      await gw.close();
      await gwDb?.close();
    }
    await api.close();
  }
  return out;
}

function summarise(mode: string, t: Trial[]) {
  const col = (f: (x: Trial) => number) => t.map(f);
  const allowed = quantile(col((x) => x.allowedMs), 0.5);
  const refused = quantile(col((x) => x.refusedAfterApproveMs), 0.5);
  const s = {
    mode,
    trials: t.length,
    allowedRoundTripMs: { p50: allowed, p95: quantile(col((x) => x.allowedMs), 0.95) },
    approveCallMs: { p50: quantile(col((x) => x.approveMs), 0.5), p95: quantile(col((x) => x.approveMs), 0.95) },
    refusedAfterApproveMs: { p50: refused, p95: quantile(col((x) => x.refusedAfterApproveMs), 0.95), max: Math.max(...col((x) => x.refusedAfterApproveMs)) },
    requestsServedAfterApprove: { max: Math.max(...col((x) => x.requestsAfterApprove - 1)), trialsWithAny: t.filter((x) => x.requestsAfterApprove > 1).length },
    ratioRefusedToAllowedRoundTrip: refused / allowed,
  };
  console.log(
    `${mode.padEnd(9)} approve call p50 ${fmt(s.approveCallMs.p50, 2)} ms (p95 ${fmt(s.approveCallMs.p95, 2)}); ` +
      `approve returned → refused p50 ${fmt(refused, 2)} ms (p95 ${fmt(s.refusedAfterApproveMs.p95, 2)}, max ${fmt(s.refusedAfterApproveMs.max, 2)}); ` +
      `baseline allowed round trip p50 ${fmt(allowed, 2)} ms; ratio ${fmt(s.ratioRefusedToAllowedRoundTrip, 2)}; ` +
      `requests still served after approve: max ${s.requestsServedAfterApprove.max} (${s.requestsServedAfterApprove.trialsWithAny}/${t.length} trials)`,
  );
  return s;
}

const upstream = await startStubUpstream();
const results = [];
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-enf-'));
try {
  const base = { WARDEN_GATEWAY_UPSTREAM: upstream.url, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000', WARDEN_LOG_LEVEL: 'silent' };
  results.push(summarise('embedded', await runMode('emb', loadConfig({ ...base, WARDEN_DATA_DIR: dir }), false)));
  const pg = await startPostgres();
  const redis = await startRedis();
  try {
    results.push(summarise('redis', await runMode('red', loadConfig({ ...base, WARDEN_DATA_DIR: dir, WARDEN_DATABASE_URL: pg.url, WARDEN_REDIS_URL: redis.url }), true)));
  } finally {
    await redis.stop();
    await pg.stop();
  }
} finally {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
}
report('enforcement-propagation', { trials, results });
