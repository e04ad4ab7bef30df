import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createRuntime, type Runtime } from '../../server/index.js';
import { UsageError } from '../cli-error.js';

export interface ServeOptions {
  port?: string;
  host?: string;
}

/** Starts the runtime, listens, and closes cleanly on SIGINT/SIGTERM. */
export async function startServer(opts: ServeOptions): Promise<{ runtime: Runtime; url: string; gatewayUrl?: string }> {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${opts.port}")`);
  }
  const config = loadConfig(process.env, {
    server: { ...(port !== undefined ? { port } : {}), ...(opts.host ? { host: opts.host } : {}) },
  });
  const runtime = await createRuntime(config, { gateway: true });
  const url = await runtime.app.listen({ host: config.server.host, port: config.server.port });
  // `--port 0` asks for ephemeral ports: the gateway's too, so parallel servers never collide.
  const gatewayAddr = await runtime.gateway?.listen(port === 0 ? 0 : config.gateway.port, config.gateway.host);
  process.on('SIGHUP', () => runtime.gateway?.reload());
  let closing = false;
  const stop = (signal: string) => {
    // A second signal, or a close that hangs, ends the process anyway.
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      runtime.logger.info({ signal }, 'shutting down');
    } catch {
      // The log's pipe may be gone (the reader exited); shutting down matters more.
    }
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return { runtime, url, ...(gatewayAddr ? { gatewayUrl: `http://${config.gateway.host}:${gatewayAddr.port}` } : {}) };
}

/** `warden serve`: the API on the embedded default, or PostgreSQL with WARDEN_DATABASE_URL. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the Warden API (health, metrics, event ingestion) on the configured database')
    .option('--port <port>', 'listen port (default 7420, WARDEN_SERVER_PORT)')
    .option('--host <host>', 'listen address (default 127.0.0.1, WARDEN_SERVER_HOST)')
    .action(async (opts: ServeOptions) => {
      const { runtime, url, gatewayUrl } = await startServer(opts);
      process.stdout.write(`warden: listening on ${url} (database: ${runtime.database.dialect} ${runtime.database.location})\n`);
      if (gatewayUrl) process.stdout.write(`warden: gateway (OpenAI-compatible /v1/...) on ${gatewayUrl}\n`);
    });
}
