import cluster from 'node:cluster';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AggregatorRegistry } from 'prom-client';
import { loadConfig, type WardenConfig } from '../../config/index.js';
import {
  announceListening,
  createAdminServer,
  createGatewayRuntime,
  gatewayWorkerIndex,
  startGatewayCluster,
  type GatewayRuntime,
} from '../../gateway/index.js';
import { createLogger } from '../../observability/index.js';
import { migrateUp, openDatabase } from '../../store/index.js';
import { UsageError } from '../cli-error.js';

interface GatewayOptions {
  port?: string;
  host?: string;
  workers?: string;
}

const origin = (a: { address: string; port: number }) =>
  `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;

function configFrom(opts: GatewayOptions): { config: WardenConfig; workers: number } {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${opts.port}")`);
  }
  const workers = opts.workers === undefined ? 1 : Number(opts.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    throw new UsageError(`--workers must be a whole number from 1 to 256 (got "${opts.workers}")`);
  }
  const config = loadConfig(process.env, {
    gateway: { ...(port !== undefined ? { port } : {}), ...(opts.host ? { host: opts.host } : {}) },
  });
  if (workers > 1 && !config.redis.url) {
    // Workers are replicas: without Redis each would count rate limits alone (N times the limit)
    // and learn of bans only from the store's periodic catch-up.
    throw new UsageError(
      '--workers needs WARDEN_REDIS_URL: the workers share bans and rate-limit counters over Redis, as replicas on different machines do',
    );
  }
  return { config, workers };
}

/**
 * Starts a gateway alone: a scale-out replica on the configured database (`WARDEN_DATABASE_URL`)
 * and Redis (`WARDEN_REDIS_URL`), or an embedded one on the SQLite file. SIGHUP reloads the
 * gateway config and policy files; SIGINT/SIGTERM let requests in flight finish, then stop.
 * In a cluster worker (`--workers`), the admin listener is the primary's and the spill folder
 * is the worker's own.
 */
export async function startGateway(
  opts: GatewayOptions,
): Promise<{ runtime: GatewayRuntime; url: string; adminUrl: string | undefined }> {
  const { config } = configFrom(opts);
  const logger = createLogger(config.log.level);
  const database = openDatabase(config);
  const report = await migrateUp(database.db);
  if (!report.ok) {
    await database.close();
    throw new UsageError(`database ${database.location} could not be migrated: ${report.error}`);
  }
  const worker = gatewayWorkerIndex();
  const runtime = await createGatewayRuntime({
    config,
    database,
    logger,
    ...(worker !== undefined
      ? { spillDir: join(config.database.dataDir, 'gateway-spill', `worker-${worker}`) }
      : {}),
  });
  const addr = await runtime.listen();
  let adminUrl: string | undefined;
  if (worker === undefined) adminUrl = `${origin(await runtime.listenAdmin())}`;
  else {
    // The primary's /metrics asks each worker for this registry and sums them; constructing an
    // AggregatorRegistry is what makes prom-client answer the primary's requests in a worker.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([runtime.metrics]);
    announceListening(addr);
  }
  process.on('SIGHUP', () => runtime.reload());
  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    try {
      logger.info({ signal }, 'gateway shutting down');
    } catch {
      // The log's pipe may be gone; shutting down matters more.
    }
    runtime
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return { runtime, url: origin(addr), adminUrl };
}

/**
 * `--workers N` (N > 1), in the primary: forks N gateway workers sharing the listening port and
 * serves the admin listener itself, with every worker's metrics summed. Signals are passed on.
 */
async function startPrimary(opts: GatewayOptions, workers: number, config: WardenConfig): Promise<void> {
  const logger = createLogger(config.log.level);
  // Migrated once here, so the workers do not all race to migrate the same database.
  const database = openDatabase(config);
  const report = await migrateUp(database.db);
  await database.close();
  if (!report.ok)
    throw new UsageError(`database ${database.location} could not be migrated: ${report.error}`);
  const group = startGatewayCluster(workers, (index, code) => {
    if (code !== 0) logger.error({ worker: index, code }, 'gateway worker exited; starting another');
  });
  const aggregate = new AggregatorRegistry();
  const admin = createAdminServer({
    metrics: () => aggregate.clusterMetrics(),
    contentType: aggregate.contentType,
    ready: () => group.workers().length === workers,
  });
  const adminAddr = await admin.listen(config.gateway.adminPort, config.gateway.adminHost);
  const addr = await group.listening;
  process.on('SIGHUP', () => group.signal('SIGHUP'));
  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => process.exit(1), 20_000).unref();
    void group
      .stop()
      .then(() => admin.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(
    `warden gateway: listening on ${origin(addr)} (scale-out mode, ${workers} workers); metrics on ${origin(adminAddr)}/metrics\n`,
  );
}

/** `warden gateway`: the OpenAI-compatible gateway without the API (a scale-out replica). */
export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .description('Run the OpenAI-compatible gateway alone (a scale-out replica; `warden serve` runs one too)')
    .option('--port <port>', 'listen port (default 7421, WARDEN_GATEWAY_PORT)')
    .option('--host <host>', 'listen address (default 127.0.0.1, WARDEN_GATEWAY_HOST)')
    .option(
      '--workers <n>',
      'worker processes sharing the port, one per core (default 1; more needs WARDEN_REDIS_URL)',
    )
    .action(async (opts: GatewayOptions) => {
      const { config, workers } = configFrom(opts);
      if (workers > 1 && cluster.isPrimary) {
        await startPrimary(opts, workers, config);
        return;
      }
      const { runtime, url, adminUrl } = await startGateway(opts);
      if (cluster.isWorker) return;
      process.stdout.write(
        `warden gateway: listening on ${url} (${runtime.state.mode} mode); metrics on ${adminUrl}/metrics\n`,
      );
    });
}
