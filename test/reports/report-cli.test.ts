import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntelState, importBundle, loadStixSchemas, type StixBundle } from '../../src/intel/index.js';
import { fixtures } from '../analyze/helpers.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-report-'));
const db = join(dir, 'warden.db');
const env = { WARDEN_INTEL_BUNDLES: join(fixtures, 'intel.json') };
const period = ['--from', '2024-01-01T00:00:00Z', '--to', '2024-02-01T00:00:00Z'];

beforeAll(async () => {
  const r = await runCli(['ingest', join(fixtures, 'small.ndjson'), '--db', db]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden report transparency (built CLI)', () => {
  it('writes the Markdown report of the stored events, with a key created beside the database', async () => {
    const r = await runCli(['report', 'transparency', ...period, '--db', db, '--publisher', 'Example AI'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Example AI transparency report/);
    expect(r.stdout).toContain('### Forest Blizzard');
    expect(r.stdout).toContain('| terminate | 1 |');
    expect(r.stdout).not.toContain('acct_81');
    expect(r.stderr).toContain('created a pseudonymisation key');
    const keyFile = join(dir, 'report-pseudonym.key');
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const again = await runCli(['report', 'transparency', ...period, '--db', db, '--format', 'json'], { env });
    expect(again.stderr).toBe('');
    const json = JSON.parse(again.stdout) as { actors: { networkRefs: string[] }[] };
    const mdRefs = /network-[0-9a-f]{16}/.exec(r.stdout);
    expect(mdRefs).toBeNull(); // network refs belong to the JSON and STIX, not the prose
    expect(json.actors[0]!.networkRefs[0]).toMatch(/^network-[0-9a-f]{16}$/);
  });

  it('writes HTML by the --out extension, and a STIX bundle that passes the OASIS schemas', async () => {
    const html = join(dir, 'r.html');
    expect((await runCli(['report', 'transparency', ...period, '--db', db, '--out', html], { env })).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg role="img"/);
    const stix = await runCli(['report', 'transparency', ...period, '--db', db, '--format', 'stix'], { env });
    expect(stix.code, stix.stderr).toBe(0);
    const bundle = JSON.parse(stix.stdout) as StixBundle;
    const imported = importBundle(new IntelState(), bundle, { schemas: loadStixSchemas(), provenance: { source: 'test', receivedAt: '2024-02-02T00:00:00Z' } });
    expect(imported.ok, JSON.stringify(imported.ok ? '' : imported.issues.slice(0, 3))).toBe(true);
    expect(bundle.objects.some((o) => o.type === 'campaign')).toBe(true);
    expect(bundle.objects.some((o) => o.type === 'user-account')).toBe(false);
    expect(bundle.objects.find((o) => o.type === 'marking-definition')).toMatchObject({ name: 'TLP:CLEAR' });
  });

  it('refuses a bad period, a bad format, and a short configured key, naming what to change', async () => {
    const bad = await runCli(['report', 'transparency', '--from', 'yesterday', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--from yesterday: not a date');
    const fmt = await runCli(['report', 'transparency', '--format', 'docx', '--db', db]);
    expect(fmt.stderr).toContain('--format must be one of md, html, json, stix');
    const key = await runCli(['report', 'transparency', '--db', db], { env: { WARDEN_REPORTS_PSEUDONYM_KEY: 'short' } });
    expect(key.code).not.toBe(0);
    expect(key.stderr).toContain('WARDEN_REPORTS_PSEUDONYM_KEY');
    expect(existsSync(db)).toBe(true);
  });
});

describe('warden report transparency --format pdf (Debian Chromium)', () => {
  it('prints the report to a PDF whose text holds the title, the actor and the technique headings', async () => {
    const pdfFile = join(dir, 'r.pdf');
    const r = await runCli(['report', 'transparency', ...period, '--db', db, '--out', pdfFile], { env });
    expect(r.code, r.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(pdfFile));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    expect(doc.numPages).toBeGreaterThanOrEqual(1);
    expect(doc.numPages).toBeLessThanOrEqual(4);
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ');
    }
    for (const heading of ['transparency report', 'Summary', 'Actors', 'Forest Blizzard', 'Techniques across all actors', 'How we detected them'])
      expect(text).toContain(heading);
    expect(text).not.toContain('acct_81');
  });
});
