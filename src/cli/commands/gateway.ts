import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../gateway/index.js';
import { createLogger } from '../../observability/index.js';
import { migrateUp, openDatabase } from '../../store/index.js';
import { UsageError } from '../cli-error.js';

/**
 * Starts a gateway alone: a scale-out replica on the configured database (`WARDEN_DATABASE_URL`)
 * and Redis (`WARDEN_REDIS_URL`), or an embedded one on the SQLite file. SIGHUP reloads the
 * gateway config and policy files; SIGINT/SIGTERM let requests in flight finish, then stop.
 */
export async function startGateway(opts: {
  port?: string;
  host?: string;
}): Promise<{ runtime: GatewayRuntime; url: string; adminUrl: string }> {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${opts.port}")`);
  }
  const config = loadConfig(process.env, {
    gateway: { ...(port !== undefined ? { port } : {}), ...(opts.host ? { host: opts.host } : {}) },
  });
  const logger = createLogger(config.log.level);
  const database = openDatabase(config);
  const report = await migrateUp(database.db);
  if (!report.ok) {
    await database.close();
    throw new UsageError(`database ${database.location} could not be migrated: ${report.error}`);
  }
  const runtime = await createGatewayRuntime({ config, database, logger });
  const addr = await runtime.listen();
  const admin = await runtime.listenAdmin();
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
  const origin = (a: { address: string; port: number }) =>
    `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
  return { runtime, url: origin(addr), adminUrl: origin(admin) };
}

/** `warden gateway`: the OpenAI-compatible gateway without the API (a scale-out replica). */
export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .description('Run the OpenAI-compatible gateway alone (a scale-out replica; `warden serve` runs one too)')
    .option('--port <port>', 'listen port (default 7421, WARDEN_GATEWAY_PORT)')
    .option('--host <host>', 'listen address (default 127.0.0.1, WARDEN_GATEWAY_HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      const { runtime, url, adminUrl } = await startGateway(opts);
      process.stdout.write(
        `warden gateway: listening on ${url} (${runtime.state.mode} mode); metrics on ${adminUrl}/metrics\n`,
      );
    });
}
