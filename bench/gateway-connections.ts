/**
 * Memory of a Warden gateway holding 10k concurrent connections from one account (issue 8):
 * a full replica (`bench/gateway-node.ts`, embedded: events into its own SQLite, the shipped
 * policy with every signal on) in front of the stub, each its own process. This process opens
 * `--connections` sockets (default 10,000) in waves, sends one chat request on each with
 * keep-alive so every connection stays open after its answer, holds them, then closes them all.
 *
 * Reads the gateway's RSS from /proc: idle before any connection (the baseline), the peak
 * (VmHWM) while they are open and served, and after they are closed and the process has had
 * `--settle-s` seconds (default 5). It does that `--waves` times (default 2): a second wave that
 * peaks no higher than the first shows the memory is bounded, not leaking per connection.
 * Prints peak − idle and the cost per connection, and writes bench/out/gateway-connections.json.
 * Run: `npm run bench:gateway-connections`.
 */
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import { arg, fmt, report } from './harness.js';
import { chatBody, prepareSqlite, startStub, startWarden } from './gateway-common.js';

const connections = Number(arg('connections', '10000'));
const settleS = Number(arg('settle-s', '5'));
const waves = Number(arg('waves', '2'));

async function memory(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The gateway's heap after a full collection, in MB (through bench/gateway-node.ts's control listener). */
async function heapAfterGc(control: number): Promise<{ heapMb: number; rssMb: number }> {
  const { request } = await import('undici');
  const r = await request(`http://127.0.0.1:${control}/stats?gc=1`);
  const s = (await r.body.json()) as { heapUsed: number; rss: number };
  return { heapMb: s.heapUsed / 2 ** 20, rssMb: s.rss / 2 ** 20 };
}

const stub = await startStub(2);
const { database, secrets } = await prepareSqlite(1);
// --expose-gc: the control listener's /stats?gc=1 collects before reading, telling memory still
// held (a leak would show there) from garbage V8 has not yet had a reason to collect.
const warden = await startWarden(
  { upstream: `http://127.0.0.1:${stub.info.port}`, database, events: 'store' },
  ['--expose-gc'],
);
const pid = warden.info.pid;
try {
  // Warm the request path once, so the baseline holds the code every request uses.
  const body = chatBody(0);
  const request = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secrets[0]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const once = (s: net.Socket) =>
    new Promise<number>((resolve) => {
      let head = '';
      const done = () => {
        s.off('data', onData);
        s.off('close', done);
        resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0));
      };
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        // The answer is in once the headers have ended and the JSON body has closed.
        if (head.includes('\r\n\r\n') && head.trimEnd().endsWith('}')) done();
      };
      s.on('data', onData);
      s.once('close', done);
      s.write(request);
    });
  const warm = net.connect(warden.info.port, '127.0.0.1');
  await new Promise((r) => warm.once('connect', r));
  for (let i = 0; i < 50; i++) await once(warm);
  warm.destroy();
  await sleep(2000);
  const idle = await memory(pid);
  const idleHeap = await heapAfterGc(warden.info.control!);
  console.log(`idle gateway: RSS ${fmt(idle.rssMb, 1)} MB (peak so far ${fmt(idle.peakMb, 1)} MB)`);

  const perWave: {
    openRssMb: number;
    servedRssMb: number;
    peakRssMb: number;
    afterRssMb: number;
    answered200: number;
    heapAfterGcMb: number;
    rssAfterGcMb: number;
  }[] = [];
  for (let wave = 1; wave <= waves; wave++) {
    const sockets: net.Socket[] = [];
    const connected: Promise<void>[] = [];
    for (let i = 0; i < connections; i++) {
      const s = net.connect(warden.info.port, '127.0.0.1');
      s.on('error', () => undefined);
      sockets.push(s);
      connected.push(
        new Promise((resolve, reject) => s.once('connect', () => resolve()).once('error', reject)),
      );
      // In waves of a thousand, so the accept queue never overflows.
      if (connected.length % 1000 === 0) {
        await Promise.all(connected);
        await sleep(50);
      }
    }
    await Promise.all(connected);
    const open = await memory(pid);
    const statuses = await Promise.all(sockets.map((s) => once(s)));
    const ok = statuses.filter((s) => s === 200).length;
    const served = await memory(pid);
    for (const s of sockets) s.destroy();
    await sleep(settleS * 1000);
    const after = await memory(pid);
    const afterGc = await heapAfterGc(warden.info.control!);
    perWave.push({
      heapAfterGcMb: afterGc.heapMb,
      rssAfterGcMb: afterGc.rssMb,
      openRssMb: open.rssMb,
      servedRssMb: served.rssMb,
      peakRssMb: served.peakMb,
      afterRssMb: after.rssMb,
      answered200: ok,
    });
    console.log(
      `wave ${wave}: ${fmt(connections)} open (RSS ${fmt(open.rssMb, 1)} MB); ${fmt(ok)} answered 200 and held open ` +
        `(RSS ${fmt(served.rssMb, 1)} MB, peak ${fmt(served.peakMb, 1)} MB); closed, ${settleS} s later RSS ${fmt(after.rssMb, 1)} MB; ` +
        `after a full GC heap ${fmt(afterGc.heapMb, 1)} MB (idle ${fmt(idleHeap.heapMb, 1)} MB)`,
    );
  }
  const peak = Math.max(...perWave.map((w) => w.peakRssMb));
  const first = perWave[0]!;
  const last = perWave[perWave.length - 1]!;
  const perConnKb = ((first.peakRssMb - idle.rssMb) * 1024) / connections;
  console.log(
    `\npeak − idle: ${fmt(peak - idle.rssMb, 1)} MB for ${fmt(connections)} connections (first wave ${fmt(perConnKb, 1)} KB each); ` +
      `peak / idle ${fmt(peak / idle.rssMb, 2)}×; last wave's peak − first's ${fmt(last.peakRssMb - first.peakRssMb, 1)} MB; after − idle ${fmt(last.afterRssMb - idle.rssMb, 1)} MB`,
  );
  report('gateway-connections', {
    connections,
    waves,
    settleS,
    idleRssMb: idle.rssMb,
    idleHeapAfterGcMb: idleHeap.heapMb,
    peakRssMb: peak,
    peakOverIdleMb: peak - idle.rssMb,
    perConnectionKb: perConnKb,
    perWave,
  });
} finally {
  await warden.stop();
  await stub.stop();
}
