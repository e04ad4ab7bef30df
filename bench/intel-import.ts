/**
 * Import of the ATT&CK Enterprise bundle (~50 MB) beside a bare JSON.parse of the same file:
 * seconds and peak RSS, each in its own process. Then how many indicator patterns of the
 * reference bundles (ATT&CK, ATLAS, ATLAS case studies) evaluate or are unsupported, by reason.
 * `npx tsx bench/intel-import.ts [--file PATH]`. Reads ../shared/data; never copies it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBundleText } from '../src/intel/stix/import.js';
import { IntelState } from '../src/intel/stix/intel-state.js';
import { loadStixSchemas } from '../src/intel/stix/schemas.js';
import { packageRoot } from '../src/util/package-root.js';
import { arg, fmt, peakRssMb, report, runChild } from './harness.js';

const shared = join(packageRoot(), '..', 'shared', 'data');
const file = arg('file', join(shared, 'mitre-attack-enterprise', 'enterprise-attack-18.1.json'));
const script = fileURLToPath(import.meta.url);

interface ChildResult {
  seconds: number;
  peakRssMb: number;
  objects: number;
  ok?: boolean;
}

function child(mode: string): void {
  const t = performance.now();
  if (mode === 'parse') {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { objects: unknown[] };
    console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000, peakRssMb: peakRssMb(), objects: doc.objects.length }));
    return;
  }
  const schemas = loadStixSchemas();
  const state = new IntelState();
  const r = importBundleText(state, readFileSync(file), { schemas, provenance: { source: `file:${file}`, receivedAt: new Date().toISOString() } });
  console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000, peakRssMb: peakRssMb(), objects: state.size, ok: r.ok }));
}

function patternCensus(): Record<string, { indicators: number; event: number; history: number; unsupported: Record<string, number> }> {
  const schemas = loadStixSchemas();
  const files = [
    join(shared, 'mitre-attack-enterprise', 'enterprise-attack-18.1.json'),
    join(shared, 'mitre-atlas', 'stix-atlas.json'),
    ...readdirSync(join(shared, 'mitre-atlas', 'opencti-bundles')).map((f) => join(shared, 'mitre-atlas', 'opencti-bundles', f)),
  ];
  const out: ReturnType<typeof patternCensus> = {};
  for (const f of files) {
    const r = importBundleText(new IntelState(), readFileSync(f), { schemas, provenance: { source: f, receivedAt: '2026-01-01T00:00:00Z' } });
    const name = f.slice(shared.length + 1);
    if (!r.ok) {
      out[name] = { indicators: -1, event: 0, history: 0, unsupported: { rejected: r.issueCount } };
      continue;
    }
    const p = r.summary.patterns;
    const unsupported = Object.fromEntries(Object.entries(p.unsupported).map(([k, v]) => [k, v ?? 0]));
    out[name] = { indicators: r.summary.byType.indicator ?? 0, event: p.event, history: p.history, unsupported };
  }
  return out;
}

if (process.argv.includes('--child')) {
  child(process.argv[process.argv.indexOf('--child') + 1] ?? 'parse');
} else {
  const parse = await runChild<ChildResult>(script, ['parse']);
  const imp = await runChild<ChildResult>(script, ['import']);
  const census = patternCensus();
  const figures = {
    file,
    bareJsonParse: parse,
    fullImport: imp,
    secondsRatio: +(imp.seconds / parse.seconds).toFixed(2),
    rssRatio: +(imp.peakRssMb / parse.peakRssMb).toFixed(2),
    patterns: census,
  };
  report('intel-import', figures);
  console.log(`intel-import: ${file}`);
  console.log(`  bare JSON.parse:   ${parse.seconds.toFixed(2)} s, peak RSS ${fmt(parse.peakRssMb)} MB, ${fmt(parse.objects)} objects`);
  console.log(`  validate + import: ${imp.seconds.toFixed(2)} s, peak RSS ${fmt(imp.peakRssMb)} MB, ${fmt(imp.objects)} objects held (ok=${String(imp.ok)})`);
  console.log(`  ratio:             ${figures.secondsRatio}x time, ${figures.rssRatio}x peak RSS`);
  console.log('  indicator patterns in the reference bundles:');
  for (const [name, c] of Object.entries(census)) {
    console.log(`    ${name}: ${c.indicators} indicators; ${c.event} event-scope, ${c.history} history-scope, unsupported ${JSON.stringify(c.unsupported)}`);
  }
}
