/**
 * Streaming through the gateway (issue 8): (1) time to first byte of an SSE answer, direct vs
 * through Warden (full policy), `--trials` alternating pairs (default 300), added = the
 * difference of the medians (and p90s); (2) a 10,000-chunk SSE stream read by a deliberately
 * slow client, `--streams` times in a row (default 10), with the Warden process's RSS sampled
 * from /proc every 20 ms throughout: no growth means the proxy passes chunks with backpressure
 * instead of buffering them.
 */
import { Pool } from 'undici';
import { arg, fmt, report } from './harness.js';
import { chatBody, prepareSqlite, quantile, rssMb, startStub, startWarden } from './gateway-common.js';

const trials = Number(arg('trials', '300'));
const streams = Number(arg('streams', '10'));
const chunks = 10_000;

const stub = await startStub(2);
const prepared = await prepareSqlite(1);
const warden = await startWarden({
  upstream: `http://127.0.0.1:${stub.info.port}`,
  database: prepared.database,
});
const direct = new Pool(`http://127.0.0.1:${stub.info.port}`, { connections: 4 });
const gw = new Pool(`http://127.0.0.1:${warden.info.port}`, { connections: 4 });
const auth = { authorization: `Bearer ${prepared.secrets[0]}`, 'content-type': 'application/json' };

/** µs from sending to the first byte of the body, and the number of SSE events read. */
async function ttfb(
  pool: Pool,
  headers: Record<string, string>,
  n: number,
  slow = false,
): Promise<{ us: number; events: number }> {
  const t0 = process.hrtime.bigint();
  const r = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers,
    body: chatBody(1, { stream: true, stream_chunks: n }),
  });
  let first = 0n;
  let events = 0;
  let carry = '';
  let paced = 0;
  for await (const c of r.body) {
    if (first === 0n) first = process.hrtime.bigint();
    // Counted across chunk boundaries: a marker may be split between two reads.
    const s = carry + (c as Buffer).toString('latin1');
    for (let i = s.indexOf('data: '); i >= 0; i = s.indexOf('data: ', i + 6)) events++;
    carry = s.slice(-5);
    // The slow client: about 1 ms of pause per 20 events, so the stream lasts long enough to sample.
    if (slow && events - paced >= 20) {
      paced = events;
      await new Promise((res) => setTimeout(res, 1));
    }
  }
  if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
  return { us: Number(first - t0) / 1000, events };
}

try {
  for (let i = 0; i < 30; i++) {
    await ttfb(direct, { 'content-type': 'application/json' }, 10);
    await ttfb(gw, auth, 10);
  }
  const d: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < trials; i++) {
    d.push((await ttfb(direct, { 'content-type': 'application/json' }, 10)).us);
    w.push((await ttfb(gw, auth, 10)).us);
  }
  const ttfbFig = {
    trials,
    directUs: { p50: quantile(d, 0.5), p90: quantile(d, 0.9), p99: quantile(d, 0.99) },
    wardenUs: { p50: quantile(w, 0.5), p90: quantile(w, 0.9), p99: quantile(w, 0.99) },
  };
  console.log(
    `TTFB over ${trials} pairs: direct p50 ${fmt(ttfbFig.directUs.p50)} µs p90 ${fmt(ttfbFig.directUs.p90)} | Warden p50 ${fmt(ttfbFig.wardenUs.p50)} µs p90 ${fmt(ttfbFig.wardenUs.p90)} | added p50 ${fmt(ttfbFig.wardenUs.p50 - ttfbFig.directUs.p50)} µs, p90 ${fmt(ttfbFig.wardenUs.p90 - ttfbFig.directUs.p90)} µs`,
  );

  const samples: { t: number; rss: number }[] = [];
  const t0 = Date.now();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push({ t: Date.now() - t0, rss: await rssMb(warden.info.pid) });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const perStream: { events: number; ms: number }[] = [];
  for (let s = 0; s < streams; s++) {
    const st = Date.now();
    const { events } = await ttfb(gw, auth, chunks, true);
    perStream.push({ events, ms: Date.now() - st });
  }
  sampling = false;
  await sampler;
  const rss = samples.map((x) => x.rss);
  const quarter = Math.max(1, Math.floor(rss.length / 4));
  const firstQ = quantile(rss.slice(0, quarter), 0.5);
  const lastQ = quantile(rss.slice(-quarter), 0.5);
  const streamFig = {
    chunksPerStream: chunks,
    streams,
    eventsPerStream: perStream.map((p) => p.events),
    msPerStream: perStream.map((p) => p.ms),
    rssSamples: rss.length,
    rssMb: {
      min: Math.min(...rss),
      max: Math.max(...rss),
      firstQuarterMedian: firstQ,
      lastQuarterMedian: lastQ,
    },
  };
  console.log(
    `${streams} streams of ${chunks} chunks through Warden (events per stream incl. [DONE]: ${[...new Set(perStream.map((p) => p.events))].join(', ')}, ${fmt(
      quantile(
        perStream.map((p) => p.ms),
        0.5,
      ),
    )} ms median): ` +
      `RSS over ${rss.length} samples min ${fmt(streamFig.rssMb.min, 1)} MB, max ${fmt(streamFig.rssMb.max, 1)} MB; median of first quarter ${fmt(firstQ, 1)} MB vs last quarter ${fmt(lastQ, 1)} MB (ratio ${fmt(lastQ / firstQ, 3)})`,
  );
  report('gateway-stream', { ttfb: ttfbFig, stream: streamFig });
} finally {
  await direct.close();
  await gw.close();
  await warden.stop();
  await stub.stop();
}
