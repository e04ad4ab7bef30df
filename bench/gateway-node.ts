/**
 * One Warden gateway replica for the gateway benchmarks, run as its own process: Warden's
 * gateway runtime (`createGatewayRuntime`, what `warden gateway` runs) with the full policy —
 * identity from gateway keys in the store, bans from the blocklist, 10k intel indicators, the
 * inline classifier, rate-limit and velocity counters, account values, every request's event
 * through the spilling queue into the store — in front of `--upstream`. Prints one JSON line `{ port, control, pid }` when listening. The control
 * listener takes `POST /ban?account=…` (stores the entry and publishes it on this replica's
 * bus, answering once published) so the propagation benchmark can ban "on replica A".
 *
 * Options (JSON in argv[2]): see `NodeOptions`; the gateway keys are created beforehand in the
 * database (`prepareSqlite`, `createBenchKeys`).
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/index.js';
import { announceListening, createGatewayRuntime, startGatewayCluster } from '../src/gateway/index.js';
import { parseGatewayPolicy } from '../src/gateway/policy/index.js';
import { analyseIndicatorPattern, compileMatcher, IntelState, loadWarninglists } from '../src/intel/index.js';
import { createLogger } from '../src/observability/index.js';
import { insertBlockEntries, openDatabase } from '../src/store/index.js';
import type { NodeOptions } from './gateway-common.js';

/** 10k indicators of the kinds feeds carry, none of which the benchmark traffic matches. */
function intelState(): IntelState {
  const state = new IntelState();
  const provenance = { source: 'bench', receivedAt: '2024-01-01T00:00:00.000Z' };
  for (let i = 0; i < 10_000; i++) {
    const a = 1 + (i % 200);
    const pattern =
      i % 3 === 0
        ? `[ipv4-addr:value = '198.${a}.${(i >> 8) & 255}.${i & 255}']`
        : i % 3 === 1
          ? `[domain-name:value = 'h${i}.bench-feed.example']`
          : `[ipv4-addr:value ISSUBSET '100.${a}.${i & 255}.0/24']`;
    const id = `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const object = {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      pattern,
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00.000Z',
      confidence: 80,
    };
    state.put({ object, provenance, support: analyseIndicatorPattern('stix', pattern) });
  }
  return state;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as NodeOptions;
  if ((o.workers ?? 1) > 1 && cluster.isPrimary) {
    // As `warden gateway --workers`: N replicas on one port, sharing state over Redis.
    const group = startGatewayCluster(o.workers!);
    const shared = await group.listening;
    process.stdout.write(`${JSON.stringify({ port: shared.port, pid: process.pid })}\n`);
    process.once('SIGTERM', () => void group.stop().finally(() => process.exit(0)));
    return;
  }
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn');
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-node-'));
  // The default rules and windows (so every counter is kept), with limits no benchmark reaches:
  // the figures measure the cost of enforcing, not of refusing.
  const base = parseGatewayPolicy({});
  const policyFile = join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({ rateLimits: base.rateLimits.map((r) => ({ ...r, limit: 1e12 })) }),
  );
  const sqliteFile = o.database.startsWith('sqlite:') ? o.database.slice('sqlite:'.length) : undefined;
  const config = loadConfig({
    WARDEN_DATA_DIR: sqliteFile ? dirname(sqliteFile) : dir,
    WARDEN_GATEWAY_UPSTREAM: o.upstream,
    WARDEN_GATEWAY_POLICY_FILE: policyFile,
    ...(sqliteFile ? {} : { WARDEN_DATABASE_URL: o.database }),
    ...(o.redisUrl ? { WARDEN_REDIS_URL: o.redisUrl } : {}),
    ...(o.events === 'remote'
      ? {
          WARDEN_GATEWAY_EVENTS_URL: new URL(o.upstream).origin,
          WARDEN_GATEWAY_EVENTS_KEY: 'bench-collector',
        }
      : {}),
  });
  const database = sqliteFile
    ? openDatabase(config, { sqliteFile })
    : openDatabase(config, { ...(o.schema ? { schema: o.schema } : {}), poolSize: 4 });
  // Warden's own gateway runtime, as `warden gateway` builds it: enforcement state, keys from
  // the store, the policy file, the inline classifier, account values, events into the store.
  // Intel comes from the store there; here, 10k compiled indicators stand in for it.
  const runtime = await createGatewayRuntime({
    config,
    database,
    logger,
    intel: compileMatcher(intelState(), { warninglists: loadWarninglists() }),
    spillDir: join(dir, `spill-${process.pid}`),
    ...(o.keyPrefix ? { redisKeyPrefix: o.keyPrefix } : {}),
  });
  const { state } = runtime;
  const addr: AddressInfo = await runtime.listen(0, '127.0.0.1');
  if (cluster.isWorker) {
    announceListening(addr);
    process.once('SIGTERM', () => {
      void runtime
        .close()
        .then(() => database.close())
        .finally(() => process.exit(0));
    });
    return;
  }
  const control = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/ban') {
      const account = url.searchParams.get('account') ?? '';
      const entry = {
        id: `be_${account}_${Date.now()}`,
        kind: 'account' as const,
        value: account,
        effect: 'block' as const,
        reason: 'bench',
        source: {},
        createdAt: Date.now(),
        expiresAt: null,
        revokedAt: null,
        shadow: false,
      };
      insertBlockEntries(database.db, [entry])
        .then(() => state.bus.publish({ op: 'upsert', entry }))
        .then(() => res.writeHead(204).end())
        .catch((err: Error) => res.writeHead(500).end(err.message));
      return;
    }
    if (url.pathname === '/stats') {
      // With `--expose-gc`, `?gc=1` collects first: what is still held, not what awaits collection.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (url.searchParams.get('gc') === '1' && gc) gc();
      const m = process.memoryUsage();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          rss: m.rss,
          heapUsed: m.heapUsed,
          external: m.external,
          entries: state.blocklist.size,
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  const controlPort = (control.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ port: addr.port, control: controlPort, pid: process.pid })}\n`);
  const stop = (): void => {
    void runtime
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
