/**
 * Report generation time (issue 7): the transparency report for a 30-day period over a
 * simulated world stored in SQLite — the pipeline over the stored history, the period's actions
 * and topics, Markdown and HTML, and the PDF through Debian's Chromium — beside the floor of
 * merely reading and decoding the same stored events, in the same run.
 *
 * `npm run bench:report [-- --accounts 5000 --days 30 --seed 7 --rounds 3]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/index.js';
import { decodeLine } from '../src/events/index.js';
import { ingestValues } from '../src/ingest/index.js';
import { importBundle, IntelState, loadActorCatalogue, loadStixSchemas, type StixBundle } from '../src/intel/index.js';
import { buildTransparencyReport, createPseudonymiser, renderTransparencyHtml, renderTransparencyMarkdown } from '../src/reports/index.js';
import { gatherTransparencyInputs, loadPipelineDeps, renderPdf } from '../src/server/index.js';
import { createWorld } from '../src/sim/index.js';
import { listEventsAfter, migrateUp, openDatabase } from '../src/store/index.js';
import { arg, fmt, peakRssMb, report } from './harness.js';

const accounts = Number(arg('accounts', '5000'));
const days = Number(arg('days', '30'));
const seed = Number(arg('seed', '7'));
const rounds = Number(arg('rounds', '3'));
const chromium = arg('chromium', '/usr/bin/chromium');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-report-'));
const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
try {
  const migrated = await migrateUp(database.db);
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);
  const world = createWorld({ seed, accounts, days, start: '2024-01-01' });
  let events = 0;
  for (const lines of world.eventLines(20_000)) {
    await ingestValues({ database, now: Date.now }, lines.map((l) => JSON.parse(l) as unknown));
    events += lines.length;
  }
  const intel = new IntelState();
  const imported = importBundle(intel, world.intel.bundle as unknown as StixBundle, {
    schemas: loadStixSchemas(),
    provenance: { source: 'bench', receivedAt: '2023-12-30T00:00:00Z' },
  });
  if (!imported.ok) throw new Error('the world’s intel bundle did not import');
  const period = { from: '2024-01-01T00:00:00.000Z', to: new Date(Date.parse('2024-01-01T00:00:00Z') + days * 86_400_000).toISOString() };
  console.log(`world: ${fmt(accounts)} accounts, ${days} days, ${fmt(events)} events stored; period ${period.from} – ${period.to}`);

  const catalogue = loadActorCatalogue();
  const pseudonymise = createPseudonymiser('bench-key-of-sufficient-length');
  const floor: number[] = [];
  const build: number[] = [];
  const render: number[] = [];
  const pdf: number[] = [];
  let actors = 0;
  let actioned = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    let after = 0;
    let decoded = 0;
    for (;;) {
      const page = await listEventsAfter(database.db, after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
      for (const e of page) if (decodeLine(e.seq, e.raw).ok) decoded++;
    }
    floor.push(performance.now() - t);
    if (decoded !== events) throw new Error(`read ${decoded} of ${events} events`);

    t = performance.now();
    const deps = loadPipelineDeps({ intelBundles: [], receivedAt: '2023-12-30T00:00:00Z', storedIntel: intel });
    const inputs = await gatherTransparencyInputs({ database, period, deps, catalogue });
    const built = buildTransparencyReport({ ...inputs, pseudonymise }, new Date().toISOString());
    build.push(performance.now() - t);
    actors = built.totals.actors;
    actioned = built.totals.accountsActioned;

    t = performance.now();
    const html = renderTransparencyHtml(built);
    renderTransparencyMarkdown(built);
    render.push(performance.now() - t);

    t = performance.now();
    const bytes = await renderPdf(html, chromium);
    pdf.push(performance.now() - t);
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('Chromium did not print a PDF');
  }
  const f = median(floor);
  const b = median(build);
  const m = median(render);
  const p = median(pdf);
  console.log(`report: ${actors} actors, ${fmt(actioned)} accounts actioned in the period`);
  console.log(`medians over ${rounds} rounds:`);
  console.log(`  floor (read and decode every stored event):     ${fmt(f)} ms`);
  console.log(`  gather + build (pipeline, actions, topics):     ${fmt(b)} ms  (${fmt(b / f, 1)}× the floor)`);
  console.log(`  Markdown + HTML:                                ${fmt(m, 1)} ms`);
  console.log(`  PDF (Chromium launch, layout, print):           ${fmt(p)} ms`);
  console.log(`  total for a 30-day PDF report:                  ${fmt(b + m + p)} ms; peak RSS ${fmt(peakRssMb())} MB`);
  report('report', { accounts, days, seed, events, rounds, floorMs: f, buildMs: b, renderMs: m, pdfMs: p, totalMs: b + m + p, ratioToFloor: b / f, actors, actioned, peakRssMb: peakRssMb() });
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
