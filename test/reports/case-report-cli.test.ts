import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftCases } from '../../src/cases/index.js';
import { loadConfig } from '../../src/config/index.js';
import { IntelState, importBundle, loadStixSchemas, type StixBundle } from '../../src/intel/index.js';
import { insertCase, insertCaseNote, listAuditRowsAfter, openDatabase } from '../../src/store/index.js';
import { analyze, decodeFixture, fixtures } from '../analyze/helpers.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-case-report-'));
const db = join(dir, 'warden.db');
const env = { WARDEN_REPORTS_PSEUDONYM_KEY: 'a-test-key-of-sufficient-length' };
const draft = draftCases(analyze(decodeFixture('small.ndjson'), { intel: ['intel.json'] })).find((d) => d.snapshot.network?.actor)!;
const caseId = 'case_cli_1';

beforeAll(async () => {
  const r = await runCli(['ingest', join(fixtures, 'small.ndjson'), '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  const database = openDatabase(loadConfig({}), { sqliteFile: db });
  try {
    const now = Date.parse('2024-01-13T00:00:00Z');
    await insertCase(database.db, {
      id: caseId,
      key: draft.key,
      title: draft.title,
      state: 'decided',
      priority: draft.priority,
      assignee: null,
      tags: [],
      dueAt: null,
      disposition: 'true-positive',
      networkId: draft.networkId,
      accounts: draft.accounts,
      actor: draft.actor,
      score: draft.score,
      snapshot: draft.snapshot,
      evidenceHash: draft.evidenceHash,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await insertCaseNote(database.db, { caseId, kind: 'note', author: 'user:1', body: '[shareable] <script>alert(1)</script> see [here](https://evil.example)', at: now + 1 });
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden report case (built CLI)', { timeout: 180_000 }, () => {
  it('writes the Markdown case report under the TLP asked for, pseudonymised, and audits it', async () => {
    const r = await runCli(['report', 'case', caseId, '--tlp', 'amber+strict', '--db', db], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\*\*TLP:AMBER\+STRICT\*\*/);
    expect(lines[lines.length - 1]).toMatch(/^\*\*TLP:AMBER\+STRICT\*\*/);
    expect(r.stdout).toContain('Forest Blizzard');
    expect(r.stdout).not.toMatch(/acct\\?_(81|90|99)/);
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).not.toContain('](https://evil');
    const database = openDatabase(loadConfig({}), { sqliteFile: db });
    try {
      const rows = (await listAuditRowsAfter(database.db, 0, 100)).filter((x) => x.action === 'report.generated');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ targetType: 'case', targetId: caseId });
      expect(rows[0]!.actor).toMatch(/^system:cli:/);
      expect(JSON.parse(rows[0]!.details)).toMatchObject({ tlp: 'amber+strict', format: 'md', includeIdentifiers: false });
    } finally {
      await database.close();
    }
  });

  it('writes a STIX bundle by --out extension, and prints identifiers only with --include-identifiers (audited as such)', async () => {
    const out = join(dir, 'case.stix.json');
    const r = await runCli(['report', 'case', caseId, '--tlp', 'green', '--out', out, '--db', db], { env });
    expect(r.code, r.stderr).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as StixBundle;
    expect(importBundle(new IntelState(), bundle, { schemas: loadStixSchemas(), provenance: { source: 'test', receivedAt: '2024-02-02T00:00:00Z' } }).ok).toBe(true);
    expect(bundle.objects.find((o) => o.type === 'marking-definition')).toMatchObject({ name: 'TLP:GREEN' });
    const ids = await runCli(['report', 'case', caseId, '--format', 'json', '--include-identifiers', '--db', db], { env });
    expect(ids.code, ids.stderr).toBe(0);
    expect(ids.stdout).toContain('acct_81');
    expect(ids.stderr).toContain('includes account identifiers');
    const database = openDatabase(loadConfig({}), { sqliteFile: db });
    try {
      expect((await listAuditRowsAfter(database.db, 0, 100)).filter((x) => x.action === 'report.identifiers_included')).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('refuses an unknown case, a bad TLP, a bad share kind and a decade-long transparency period, naming what to change', async () => {
    const missing = await runCli(['report', 'case', 'case_nope', '--db', db], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no case "case_nope"');
    const tlp = await runCli(['report', 'case', caseId, '--tlp', 'white', '--db', db], { env });
    expect(tlp.code).toBe(2);
    expect(tlp.stderr).toContain('clear, green, amber, amber+strict, red');
    const share = await runCli(['report', 'case', caseId, '--share', 'ip,passport', '--db', db], { env });
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('--share passport');
    const decade = await runCli(['report', 'transparency', '--from', '2014-01-01T00:00:00Z', '--to', '2024-01-01T00:00:00Z', '--db', db], { env });
    expect(decade.code).toBe(2);
    expect(decade.stderr).toContain('at most 366 days');
  });

  it('prints the case report to a PDF with TLP:AMBER in every page header and footer', async () => {
    const pdfFile = join(dir, 'case.pdf');
    const r = await runCli(['report', 'case', caseId, '--tlp', 'amber', '--out', pdfFile, '--db', db], { env });
    expect(r.code, r.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(pdfFile));
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    expect(doc.numPages).toBeGreaterThan(0);
    let all = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const text = (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
      expect(text.match(/TLP:AMBER/g)?.length ?? 0, `page ${i}`).toBeGreaterThanOrEqual(2);
      all += text;
    }
    for (const heading of ['Summary', 'Timeline', 'Attribution', 'Techniques', 'Accounts', 'Shared infrastructure', 'Analyst notes']) expect(all).toContain(heading);
    expect(all).not.toContain('acct_81');
    // The shareable note's markup was escaped: it prints as text, it did not become an element.
    expect(all.replace(/\s+/g, '')).toContain('<script>alert(1)</script>');
  });
});
