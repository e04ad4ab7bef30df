import { spawn } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEY } from './harness.js';

const child = fileURLToPath(new URL('./flood-child.ts', import.meta.url));
const connections = 10_000;
/**
 * Memory the gateway may take above its idle baseline to serve 10k concurrent connections at its
 * peak. Measured (bench/gateway-connections.ts, a full replica): about 17 KB per connection, 170 MB
 * for 10k. The bound is three times that, for a loaded CI machine and allocator slack: what it
 * catches is a per-connection cost that grows without bound (a buffered body, a leaked socket).
 */
const maxPeakOverIdleBytes = 512 * 2 ** 20;

describe('10k concurrent connections from one account', () => {
  it('all get an answer, exactly the rate limit reaches the upstream, and memory stays bounded', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const next = async () =>
      JSON.parse(((await lines.next()).value as string | undefined) ?? 'null') as Record<string, number>;
    try {
      const { port } = await next();
      proc.kill('SIGUSR2');
      const idle = await next();
      // Open every connection first, so all 10k are open at once, then send on all of them.
      const sockets: net.Socket[] = [];
      const connected: Promise<void>[] = [];
      for (let i = 0; i < connections; i++) {
        const s = net.connect(port!, '127.0.0.1');
        sockets.push(s);
        connected.push(
          new Promise((resolve, reject) => s.once('connect', () => resolve()).once('error', reject)),
        );
        // In waves, so the gateway accepts each wave before the next arrives; all stay open.
        if (connected.length % 1000 === 0) {
          await Promise.all(connected);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await Promise.all(connected);
      const body = JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
      const request = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const statuses = await Promise.all(
        sockets.map(
          (s) =>
            new Promise<number>((resolve) => {
              let head = '';
              s.setEncoding('utf8');
              s.on('data', (d: string) => (head += d));
              s.once('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
              s.once('error', () => undefined);
              s.write(request);
            }),
        ),
      );
      const count = (code: number) => statuses.filter((x) => x === code).length;
      const spread = JSON.stringify(Object.fromEntries([...new Set(statuses)].map((c) => [c, count(c)])));
      expect(count(200), spread).toBe(100);
      expect(count(429), spread).toBe(connections - 100);
      proc.kill('SIGUSR2');
      const stats = await next();
      expect(stats.upstream).toBe(100);
      expect(stats.events).toBe(connections);
      const overIdle = stats.peakRss! - idle.rss!;
      expect(overIdle, `peak ${stats.peakRss} B, idle ${idle.rss} B`).toBeLessThan(maxPeakOverIdleBytes);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  }, 180_000);
});
