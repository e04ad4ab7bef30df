import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The admin listener of a gateway running alone: Prometheus metrics and health, never on the proxy's port. */
export interface AdminServer {
  readonly server: http.Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/**
 * `warden gateway`'s admin listener (`WARDEN_GATEWAY_ADMIN_PORT`, loopback by default):
 * `GET /metrics` (Prometheus text format), `GET /healthz` (the process answers), `GET /readyz`
 * (the blocklist copy is loaded). It is a separate listener rather than paths on the proxy's,
 * so that no client path can reach it and every client path stays under policy; bind it where
 * only the monitoring network reaches. `warden serve` needs none: the API's `/metrics` carries
 * the gateway's metrics.
 */
export function createAdminServer(deps: {
  /** The Prometheus text of every metric (one registry, or a cluster's aggregate). */
  metrics: () => Promise<string>;
  contentType: string;
  ready: () => boolean;
}): AdminServer {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      deps.metrics().then(
        (text) => res.writeHead(200, { 'content-type': deps.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const ok = deps.ready();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(ok ? '{"status":"ready"}' : '{"status":"loading"}');
      return;
    }
    res.writeHead(404).end();
  });
  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
