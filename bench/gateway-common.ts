/**
 * Shared parts of the gateway benchmarks: child processes for the stub, Warden replicas and
 * Portkey's gateway; an open-loop load generator (requests sent on a fixed schedule and timed
 * from the time they were *scheduled*, so a stall is charged to every request it delayed: no
 * coordinated omission); a closed-loop one for throughput; percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { createGatewayKey } from '../src/store/index.js';
import { freePort } from '../test/harness/free-port.js';
import { startRedis } from '../test/harness/redis.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Options of one Warden replica process (bench/gateway-node.ts). */
export interface NodeOptions {
  upstream: string;
  /** `sqlite:<file>` or a postgres URL (with `schema`). */
  database: string;
  schema?: string;
  redisUrl?: string;
  keyPrefix?: string;
  /**
   * Where request events go: `store` (embedded default: into this replica's database, in
   * process) or `remote` (scale-out: posted to a central Warden, played by the stub's
   * `/api/v1/events`, in another process).
   */
  events?: 'store' | 'remote';
  /** Worker processes sharing the port (`warden gateway --workers`); needs `redisUrl`. */
  workers?: number;
}

/**
 * Creates `n` gateway keys in the store, for accounts `acct_0…` (ten orgs), and returns their
 * secrets in account order: what benchmark clients send as their bearer token.
 */
export async function createBenchKeys(
  db: Parameters<typeof createGatewayKey>[0],
  n: number,
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      (
        await createGatewayKey(
          db,
          { account: `acct_${i}`, org: `org_${i % 10}`, name: `bench ${i}` },
          Date.now(),
        )
      ).secret,
    );
  return out;
}

export interface Child {
  info: { port: number; pid: number; control?: number };
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry in its own Node process (via tsx) and waits for its JSON line. */
export function spawnTs(script: string, args: string[], nodeFlags: string[] = []): Promise<Child> {
  return spawnProcess(process.execPath, [...nodeFlags, '--import', 'tsx', join(here, script), ...args]);
}

function spawnProcess(
  cmd: string,
  args: string[],
  ready?: RegExp,
  port?: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (ready ? ready.test(out) : out.includes('\n')) {
        proc.stdout?.off('data', onData);
        proc.stdout?.resume();
        const info = ready
          ? { port: port ?? 0, pid: proc.pid ?? 0 }
          : (JSON.parse(out.split('\n')[0] ?? '{}') as Child['info']);
        resolve({
          info,
          proc,
          stop: () =>
            new Promise<void>((r) => {
              if (proc.exitCode !== null) return r();
              const kill = setTimeout(() => proc.kill('SIGKILL'), 3000);
              proc.once('exit', () => (clearTimeout(kill), r()));
              proc.kill('SIGTERM');
            }),
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited ${code} before it was ready: ${out.slice(0, 2000)}`)),
    );
  });
}

export const startStub = (delayMs: number): Promise<Child> =>
  spawnTs('gateway-stub.ts', ['--delay-ms', String(delayMs)]);

/** A Warden replica process; `BENCH_WARDEN_NODE_FLAGS` (e.g. `--cpu-prof`) goes to its `node` for profiling. */
export const startWarden = (o: NodeOptions, nodeFlags: string[] = []): Promise<Child> =>
  spawnTs(
    'gateway-node.ts',
    [JSON.stringify(o)],
    [...nodeFlags, ...(process.env.BENCH_WARDEN_NODE_FLAGS ?? '').split(' ').filter(Boolean)],
  );

/** Portkey's open-source gateway (`@portkey-ai/gateway`) as shipped, headless, on a free loopback port. */
export async function startPortkey(): Promise<Child> {
  const require = createRequire(import.meta.url);
  const entry = join(
    dirname(require.resolve('@portkey-ai/gateway/package.json')),
    'build',
    'start-server.js',
  );
  const port = await freePort();
  return spawnProcess(
    process.execPath,
    [entry, `--port=${port}`, '--headless'],
    /Ready for connections|running at/i,
    port,
    {
      ...process.env,
      NODE_ENV: 'production',
    },
  );
}

/** Headers and path that make Portkey forward an OpenAI-style call to our stub (its custom-host feature). */
export function portkeyTarget(stubPort: number): { path: string; headers: Record<string, string> } {
  return {
    path: '/v1/chat/completions',
    headers: {
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `http://127.0.0.1:${stubPort}/v1`,
      authorization: 'Bearer sk-bench-not-a-real-key',
    },
  };
}

const prompts = [
  'Summarise the attached meeting notes in three bullet points.',
  'Write a friendly reminder email about the quarterly planning session on Thursday.',
  'Explain the difference between a list and a tuple in Python with a short example.',
  'Translate "the delivery will arrive on Monday morning" into French and German.',
  'Suggest five names for a bakery that specialises in sourdough bread.',
];

/** A chat-completions body; `i` varies the prompt so the classifier sees different text. */
export function chatBody(i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    model: 'gpt-test',
    messages: [{ role: 'user', content: prompts[i % prompts.length] }],
    ...extra,
  });
}

export interface Target {
  name: string;
  origin: string;
  path: string;
  /** Headers for request `i` (Warden spreads requests over its bench keys). */
  headers: (i: number) => Record<string, string>;
  /** Processes serving this path (its proxy, and a cluster's workers), for CPU per request; none for direct. */
  pids?: () => number[];
}

/** CPU time (user + system) a process and its children-in-cluster used so far, in µs, from /proc (Linux). */
export async function cpuUs(pids: readonly number[]): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
      total += (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
      // A process that has gone counts nothing.
    }
  }
  return total;
}

/** The pids of a process and its direct children (a cluster primary's workers). */
export async function withChildren(pid: number): Promise<number[]> {
  const { readFile } = await import('node:fs/promises');
  try {
    const kids = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim();
    return [pid, ...(kids ? kids.split(/\s+/).map(Number) : [])];
  } catch {
    return [pid];
  }
}

export interface OpenLoopResult {
  /** Latency of each completed request in µs, from its scheduled send time to its last byte. */
  latenciesUs: Float64Array;
  sent: number;
  errors: number;
  non2xx: number;
  /** How late, at worst, the generator itself sent a request (µs): its own share of any tail. */
  maxSendLagUs: number;
}

/**
 * Open-loop load at `rate` requests/s for `durationMs`. Requests are due at fixed times; each
 * wake-up sends every request now due and times it from its due time with
 * `process.hrtime.bigint()`, so if the generator, the network or the server stalls, the wait is
 * counted against the requests that should have gone out meanwhile.
 */
export async function openLoop(
  target: Target,
  rate: number,
  durationMs: number,
  connections = 128,
): Promise<OpenLoopResult> {
  const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = Math.round((rate * durationMs) / 1000);
  const lat = new Float64Array(total);
  const intervalNs = BigInt(Math.round(1e9 / rate));
  let done = 0;
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let maxLag = 0n;
  const start = process.hrtime.bigint() + 5_000_000n;
  await new Promise<void>((resolve) => {
    const fire = (i: number, due: bigint): void => {
      pool
        .request({
          path: target.path,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...target.headers(i) },
          body: chatBody(i),
        })
        .then(async (r) => {
          await r.body.dump();
          if (r.statusCode < 200 || r.statusCode > 299) non2xx++;
          lat[i] = Number(process.hrtime.bigint() - due) / 1000;
        })
        .catch(() => {
          errors++;
          lat[i] = Number.NaN;
        })
        .finally(() => {
          if (++done === total) resolve();
        });
    };
    const tick = (): void => {
      const now = process.hrtime.bigint();
      while (sent < total) {
        const due = start + BigInt(sent) * intervalNs;
        if (due > now) break;
        if (now - due > maxLag) maxLag = now - due;
        fire(sent, due);
        sent++;
      }
      if (sent < total) {
        const waitMs = Number(start + BigInt(sent) * intervalNs - process.hrtime.bigint()) / 1e6;
        // Timers fire no earlier than 1 ms; a shorter wait yields to I/O instead.
        if (waitMs >= 1) setTimeout(tick, Math.floor(waitMs));
        else setImmediate(tick);
      }
    };
    tick();
  });
  await pool.close();
  const ok = lat.filter((v) => !Number.isNaN(v));
  return { latenciesUs: ok, sent, errors, non2xx, maxSendLagUs: Number(maxLag) / 1000 };
}

/** Closed-loop load: `connections` workers each sending the next request as soon as the last answered. */
export async function closedLoop(
  target: Target,
  connections: number,
  durationMs: number,
): Promise<{ requests: number; rps: number; errors: number; non2xx: number; cpuUsPerRequest: number }> {
  const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const pids = target.pids?.() ?? [];
  const cpu0 = await cpuUs(pids);
  const end = Date.now() + durationMs;
  let requests = 0;
  let errors = 0;
  let non2xx = 0;
  let i = 0;
  const t0 = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (Date.now() < end) {
      const n = i++;
      try {
        const r = await pool.request({
          path: target.path,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...target.headers(n) },
          body: chatBody(n),
        });
        await r.body.dump();
        if (r.statusCode < 200 || r.statusCode > 299) non2xx++;
        requests++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = (await cpuUs(pids)) - cpu0;
  await pool.close();
  return {
    requests,
    rps: requests / seconds,
    errors,
    non2xx,
    cpuUsPerRequest: pids.length > 0 ? cpu / Math.max(1, requests) : Number.NaN,
  };
}

/** The q-quantile (0..1) of values, nearest rank. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Resident set size of a process, from /proc (Linux), in MB. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** One request through `target`, for checking it proxies before measuring. */
export async function probe(target: Target, body = chatBody(0)): Promise<{ status: number; text: string }> {
  const pool = new Pool(target.origin, { connections: 1 });
  try {
    const r = await pool.request({
      path: target.path,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers(0) },
      body,
    });
    return { status: r.statusCode, text: await r.body.text() };
  } finally {
    await pool.close();
  }
}

/**
 * A migrated SQLite database under a temp folder holding 1,000 active block entries (accounts,
 * devices, IPs, ranges) that the benchmark traffic does not match: the blocklist is consulted
 * at realistic size without refusing, and `keys` gateway keys. Returns the `sqlite:<file>` spec
 * for gateway-node and the keys' secrets.
 */
export async function prepareSqlite(keys: number): Promise<{ database: string; secrets: string[] }> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { loadConfig } = await import('../src/config/index.js');
  const { openDatabase, migrateUp, insertBlockEntries } = await import('../src/store/index.js');
  const file = join(mkdtempSync(join(tmpdir(), 'warden-bench-gw-')), 'warden.db');
  const database = openDatabase(loadConfig({}), { sqliteFile: file });
  const report = await migrateUp(database.db);
  if (!report.ok) throw new Error(`migration failed: ${report.error}`);
  await insertBlockEntries(database.db, seedEntries());
  const secrets = await createBenchKeys(database.db, keys);
  await database.close();
  return { database: `sqlite:${file}`, secrets };
}

/** The 1,000 unrelated entries every benchmark gateway starts with. */
export function seedEntries() {
  const kinds = ['account', 'device', 'ip', 'cidr'] as const;
  return Array.from({ length: 1000 }, (_, i) => {
    const kind = kinds[i % 4]!;
    const value =
      kind === 'account'
        ? `banned_${i}`
        : kind === 'device'
          ? `dev_${i}`
          : kind === 'ip'
            ? `203.0.113.${i % 250}`
            : `10.${i % 250}.0.0/16`;
    return {
      id: `seed_${i}`,
      kind,
      value,
      effect: 'block',
      reason: 'seed',
      source: {},
      shadow: false,
      createdAt: 0,
      expiresAt: null,
      revokedAt: null,
    };
  });
}

/** Everything the latency and throughput benchmarks compare, each in its own process. */
export interface Contenders {
  targets: Target[];
  stop(): Promise<void>;
}

/** Every path the latency and throughput benchmarks can compare, in the order they run. */
export const contenderNames = [
  'direct',
  'floor',
  'warden',
  'warden-2w',
  'warden-embedded',
  'portkey',
] as const;

/**
 * Starts the stub and the paths to it: `direct`; `floor` (bench/gateway-floor.ts: the least a
 * Node proxy does, node:http in and undici out, nothing else — the baseline for what Warden's own
 * work costs); `warden` (a scale-out replica: blocklist bus and counters through a Redis started
 * here, events posted to a collector in another process); `warden-2w` (the same as two workers
 * on one port, `warden gateway --workers 2`); `warden-embedded` (events stored in
 * its own SQLite database, in process, as `warden serve` does); `portkey`. `only` picks some
 * (`direct` always runs: every figure is relative to it). Checks that each path really reaches
 * the stub before anything is measured.
 */
export async function startContenders(
  stubDelayMs: number,
  keys: number,
  only: readonly string[] = contenderNames,
): Promise<Contenders> {
  const unknown = only.filter((n) => !(contenderNames as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown contender ${unknown.join(', ')}; use ${contenderNames.join(', ')}`);
  const want = (n: string): boolean => only.includes(n);
  const stub = await startStub(stubDelayMs);
  const upstream = `http://127.0.0.1:${stub.info.port}`;
  const children: { stop(): Promise<void> }[] = [stub];
  try {
    const chat = '/v1/chat/completions';
    const targets: Target[] = [{ name: 'direct', origin: upstream, path: chat, headers: () => ({}) }];
    if (want('floor')) {
      const f = await spawnTs('gateway-floor.ts', ['--upstream', upstream]);
      children.push(f);
      targets.push({
        name: 'floor',
        origin: `http://127.0.0.1:${f.info.port}`,
        path: chat,
        headers: () => ({}),
        pids: () => [f.info.pid],
      });
    }
    if (want('warden')) {
      const remote = await prepareSqlite(keys);
      const redis = await startRedis();
      children.push(redis);
      const w = await startWarden({
        upstream,
        database: remote.database,
        events: 'remote',
        redisUrl: redis.url,
        keyPrefix: 'bench:',
      });
      children.push(w);
      targets.push({
        name: 'warden',
        origin: `http://127.0.0.1:${w.info.port}`,
        path: chat,
        headers: (i) => ({ authorization: `Bearer ${remote.secrets[i % keys]}` }),
        pids: () => [w.info.pid],
      });
    }
    if (want('warden-2w')) {
      // `warden gateway --workers 2`: two replica processes on one port, over their own Redis.
      const remote = await prepareSqlite(keys);
      const redis = await startRedis();
      children.push(redis);
      const w = await startWarden({
        upstream,
        database: remote.database,
        events: 'remote',
        redisUrl: redis.url,
        keyPrefix: 'bench2w:',
        workers: 2,
      });
      children.push(w);
      const workerPids = await withChildren(w.info.pid);
      targets.push({
        name: 'warden-2w',
        origin: `http://127.0.0.1:${w.info.port}`,
        path: chat,
        headers: (i) => ({ authorization: `Bearer ${remote.secrets[i % keys]}` }),
        pids: () => workerPids,
      });
    }
    if (want('warden-embedded')) {
      const embedded = await prepareSqlite(keys);
      const we = await startWarden({ upstream, database: embedded.database, events: 'store' });
      children.push(we);
      targets.push({
        name: 'warden-embedded',
        origin: `http://127.0.0.1:${we.info.port}`,
        path: chat,
        headers: (i) => ({ authorization: `Bearer ${embedded.secrets[i % keys]}` }),
        pids: () => [we.info.pid],
      });
    }
    if (want('portkey')) {
      const pkc = await startPortkey();
      children.push(pkc);
      const pk = portkeyTarget(stub.info.port);
      targets.push({
        name: 'portkey',
        origin: `http://127.0.0.1:${pkc.info.port}`,
        path: pk.path,
        headers: () => pk.headers,
        pids: () => [pkc.info.pid],
      });
    }
    for (const t of targets) {
      const p = await probe(t);
      if (p.status !== 200 || !p.text.includes('chatcmpl-stub'))
        throw new Error(`${t.name} does not proxy to the stub: ${p.status} ${p.text.slice(0, 300)}`);
    }
    return {
      targets,
      async stop() {
        for (const c of children) await c.stop();
      },
    };
  } catch (err) {
    for (const c of children) await c.stop();
    throw err;
  }
}
