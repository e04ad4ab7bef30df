/**
 * Latency of a TAXII 2.1 objects page of 1,000 objects over loopback (embedded SQLite), p50 and
 * p99, beside a route that sends an already-serialised page of the same objects (the ceiling:
 * HTTP and JSON transfer only). `npx tsx bench/intel-taxii.ts [--objects 5000] [--requests 300]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/index.js';
import { loadStixSchemas } from '../src/intel/index.js';
import { migrateUp, openDatabase } from '../src/store/index.js';
import { insertIntelObjects } from '../src/store/repos/intel-objects.repo.js';
import { createPartner } from '../src/store/repos/intel-partners.repo.js';
import { intelDb } from '../src/store/repos/intel-tables.js';
import { taxiiPlugin, TAXII_MEDIA_TYPE } from '../src/taxii/index.js';
import { arg, fmt, report } from './harness.js';

const OBJECTS = Number(arg('objects', '5000'));
const REQUESTS = Number(arg('requests', '300'));
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-taxii-'));
const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
const migrated = await migrateUp(database.db);
if (!migrated.ok) throw new Error(String(migrated.error));
const db = intelDb(database.db);
const t0 = Date.parse('2024-06-01T00:00:00.000Z');
const { secret } = await createPartner(db, 'bench', { read: ['bench'], write: [] }, t0);
const objects = Array.from({ length: OBJECTS }, (_, i) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: `bench ${i}`,
  pattern: `[ipv4-addr:value = '198.51.${(i >> 8) & 255}.${i & 255}']`,
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00.000Z',
  confidence: 70,
}));
for (let k = 0; k < OBJECTS; k += 500) {
  await insertIntelObjects(
    db,
    'bench',
    objects.slice(k, k + 500).map((o) => ({ stixId: o.id, type: o.type, version: o.modified, specVersion: '2.1', source: 'bench', object: o })),
    t0 + Math.floor(k / 1000), // several objects share each date_added, as real bulk imports do
  );
}

const app = Fastify();
await app.register(taxiiPlugin, { prefix: '/taxii2', db: database.db, schemas: loadStixSchemas(), now: () => t0 });
const ceilingBody = JSON.stringify({ more: true, next: 'x', objects: objects.slice(0, 1000) });
app.get('/ceiling', (_req, reply) => reply.header('content-type', TAXII_MEDIA_TYPE).send(ceilingBody));
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const headers = { accept: TAXII_MEDIA_TYPE, authorization: `Bearer ${secret}` };

async function measure(urlFor: (i: number, next: string | undefined) => string): Promise<number[]> {
  const times: number[] = [];
  let next: string | undefined;
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(urlFor(i, next), { headers });
    const body = (await res.json()) as { objects?: unknown[]; next?: string; more?: boolean };
    times.push(performance.now() - t);
    if (res.status !== 200 || (body.objects?.length ?? 0) === 0) throw new Error(`unexpected page: ${res.status}`);
    next = body.more ? body.next : undefined;
  }
  return times.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
await measure(() => `${base}/ceiling`); // warm-up
const taxii = await measure((_i, next) => `${base}/taxii2/warden/collections/bench/objects/?limit=1000${next ? `&next=${next}` : ''}`);
const ceiling = await measure(() => `${base}/ceiling`);
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });

const figures = {
  objects: OBJECTS,
  requests: REQUESTS,
  pageSize: 1000,
  taxiiP50Ms: +pct(taxii, 50).toFixed(2),
  taxiiP99Ms: +pct(taxii, 99).toFixed(2),
  ceilingP50Ms: +pct(ceiling, 50).toFixed(2),
  ceilingP99Ms: +pct(ceiling, 99).toFixed(2),
};
report('intel-taxii', figures);
console.log(`intel-taxii: ${fmt(REQUESTS)} GETs of 1,000-object pages over loopback (${fmt(OBJECTS)} objects, SQLite)`);
console.log(`  TAXII objects page:   p50 ${figures.taxiiP50Ms} ms, p99 ${figures.taxiiP99Ms} ms`);
console.log(`  pre-serialised page:  p50 ${figures.ceilingP50Ms} ms, p99 ${figures.ceilingP99Ms} ms (transfer only)`);
console.log(`  ratio (p50):          ${(figures.taxiiP50Ms / figures.ceilingP50Ms).toFixed(2)}x`);
