/**
 * The floor for the gateway benchmarks, run as its own process: the least a Node proxy can do —
 * `node:http` in, undici's keep-alive `Pool` out, the request body read whole and sent on, the
 * answer streamed back with its headers — with no identity, policy, events or logging. Whatever
 * Warden adds above this figure is Warden's own cost; what this adds above the direct path is the
 * price of a second HTTP hop in Node. Prints one JSON line `{ port, pid }` when listening.
 * Usage: `tsx bench/gateway-floor.ts --upstream http://127.0.0.1:PORT`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstream = process.argv[process.argv.indexOf('--upstream') + 1] ?? 'http://127.0.0.1:8000';
const pool = new Pool(upstream, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
// RFC 9110 §7.6.1 hop-by-hop fields, dropped as any proxy must; the rest passes unchanged.
const hop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts);
    const headers: Record<string, string | string[]> = {};
    for (const k in req.headers) if (!hop.has(k)) headers[k] = req.headers[k]!;
    headers['content-length'] = String(body.length);
    pool
      .request({ path: req.url ?? '/', method: req.method ?? 'GET', headers, body })
      .then((up) => {
        const down: Record<string, string | string[]> = {};
        for (const k in up.headers) if (!hop.has(k) || k === 'content-length') down[k] = up.headers[k]!;
        res.writeHead(up.statusCode, down);
        up.body.on('data', (c: Buffer) => {
          if (!res.write(c)) up.body.pause();
        });
        res.on('drain', () => up.body.resume());
        up.body.once('end', () => res.end());
        up.body.once('error', () => res.destroy());
      })
      .catch(() => res.writeHead(502).end());
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`,
  );
});
process.once('SIGTERM', () => process.exit(0));
