import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftCases } from '../../src/cases/index.js';
import { IntelState, importBundle, loadStixSchemas, TLP2_MARKINGS, type StixBundle } from '../../src/intel/index.js';
import { insertCase, insertCaseNote, listAuditRowsAfter } from '../../src/store/index.js';
import { createAccessApp, type AccessApp } from '../access/helpers.js';
import { analyze, decodeFixture, fixtures } from '../analyze/helpers.js';

const events = readFileSync(join(fixtures, 'small.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().startsWith('{'))
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const draft = draftCases(analyze(decodeFixture('small.ndjson'), { intel: ['intel.json'] })).find((d) => d.snapshot.network?.actor)!;
const net = draft.snapshot.network!;
const caseId = 'case_report_api_1';
const hostile = '<script>alert(1)</script> [click](https://evil.example/x)';

/** pdf.js text of every page. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) text.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '));
  return { pages: doc.numPages, text };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`report routes [${dialect}]`, { timeout: 120_000 }, () => {
    let t: AccessApp;
    const dir = mkdtempSync(join(tmpdir(), 'warden-reports-api-'));
    const get = (url: string, role: keyof AccessApp['keys'] = 'analyst') => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.keys[role]}` } });
    const auditRows = async () => {
      await t.audit.flush();
      return listAuditRowsAfter(t.database.db, 0, 1000, { action: undefined });
    };

    beforeAll(async () => {
      t = await createAccessApp(dialect, { env: { WARDEN_DATA_DIR: dir, WARDEN_INTEL_BUNDLES: join(fixtures, 'intel.json'), WARDEN_REPORTS_PSEUDONYM_KEY: 'a-test-key-of-sufficient-length' } });
      const ingest = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${t.keys.admin}`, 'content-type': 'application/json' }, payload: JSON.stringify(events) });
      expect(ingest.statusCode, ingest.body).toBe(200);
      const now = Date.parse('2024-01-13T00:00:00Z');
      await insertCase(t.database.db, {
        id: caseId,
        key: draft.key,
        title: draft.title,
        state: 'investigating',
        priority: draft.priority,
        assignee: null,
        tags: [],
        dueAt: null,
        disposition: null,
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
      await insertCaseNote(t.database.db, { caseId, kind: 'note', author: 'user:1', body: `[shareable] ${hostile}`, at: now + 1000 });
      await insertCaseNote(t.database.db, { caseId, kind: 'note', author: 'user:1', body: 'internal only: do not share', at: now + 2000 });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves the case report as HTML under a CSP, marked TLP:AMBER in header and footer, no account id, and audits it', async () => {
      const res = await get(`/api/v1/reports/cases/${caseId}?tlp=amber&format=html`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.headers['content-disposition']).toBe(`inline; filename="${caseId}-tlp-amber.html"`);
      expect(res.body.match(/>TLP:AMBER<\/span>/g)).toHaveLength(2);
      for (const acc of net.accounts) expect(res.body).not.toMatch(new RegExp(`${acc}(?![0-9])`));
      expect(res.body).not.toContain('<script>');
      expect(res.body).toContain('&#60;script&#62;alert(1)');
      expect(res.body).not.toContain('internal only');
      const rows = (await auditRows()).filter((r) => r.action === 'report.generated' && r.targetId === caseId);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(rows[0]!.details)).toMatchObject({ report: 'case', tlp: 'amber', format: 'html', includeIdentifiers: false });
      expect(rows[0]!.actor).toMatch(/^key:/);
    });

    it('serves Markdown and a STIX bundle that passes the OASIS schemas, reached by the network id too', async () => {
      const md = await get(`/api/v1/reports/cases/${caseId}?tlp=green&format=md`);
      expect(md.statusCode).toBe(200);
      expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(md.body.split('\n')[0]).toMatch(/^\*\*TLP:GREEN\*\*/);
      const stix = await get(`/api/v1/reports/cases/${encodeURIComponent(net.id)}?tlp=amber%2Bstrict&format=stix`);
      expect(stix.statusCode, stix.body).toBe(200);
      expect(stix.headers['content-type']).toMatch(/^application\/stix\+json; ?version="?2\.1"?/);
      expect(stix.headers['content-disposition']).toBe(`attachment; filename="${caseId}-tlp-amber-strict.stix.json"`);
      const bundle = JSON.parse(stix.body) as StixBundle;
      const imported = importBundle(new IntelState(), bundle, { schemas: loadStixSchemas(), provenance: { source: 'test', receivedAt: '2024-02-02T00:00:00Z' } });
      expect(imported.ok, JSON.stringify(imported.ok ? '' : imported.issues.slice(0, 3))).toBe(true);
      for (const o of bundle.objects.filter((x) => x.type !== 'marking-definition')) expect(o.object_marking_refs).toEqual([TLP2_MARKINGS['amber+strict'].id]);
      // "+" in a query string is a space; amber strict still means AMBER+STRICT.
      const plus = await get(`/api/v1/reports/cases/${caseId}?tlp=amber+strict&format=json`);
      expect((JSON.parse(plus.body) as { tlp: { label: string } }).tlp.label).toBe('TLP:AMBER+STRICT');
    });

    it('refuses an unknown case (404), a bad TLP (400 listing the levels), bad formats, share kinds and repeated or oversized parameters', async () => {
      const missing = await get('/api/v1/reports/cases/case_nope?tlp=amber');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
      expect(missing.json<{ error: { message: string } }>().error.message).toContain('No case "case_nope"');
      const badTlp = await get(`/api/v1/reports/cases/${caseId}?tlp=white`);
      expect(badTlp.statusCode).toBe(400);
      expect(badTlp.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { allowed: ['clear', 'green', 'amber', 'amber+strict', 'red'] } } });
      expect(badTlp.json<{ error: { message: string } }>().error.message).toContain('clear, green, amber, amber+strict, red');
      const cases: [string, number][] = [
        [`/api/v1/reports/cases/${caseId}?format=docx`, 400],
        [`/api/v1/reports/cases/${caseId}?share=ip,passport`, 400],
        [`/api/v1/reports/cases/${caseId}?tlp=amber&tlp=red`, 400],
        [`/api/v1/reports/cases/${caseId}?tlp=${'a'.repeat(33)}`, 400],
        [`/api/v1/reports/cases/${'x'.repeat(201)}`, 400],
        [`/api/v1/reports/cases/${caseId}?unknown=1`, 400],
        [`/api/v1/reports/cases/${caseId}?includeIdentifiers=yes`, 400],
        [`/api/v1/reports/cases/${encodeURIComponent('<script>')}`, 404],
      ];
      for (const [url, status] of cases) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(status);
        expect(res.json<{ error: { code: string } }>().error.code, url).toMatch(/^[A-Z_]+$/);
        // Errors are JSON whatever was asked for: an echoed id is data, never markup.
        expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      }
    });

    it('prints identifiers only for a lead, and audits that it did', async () => {
      const analyst = await get(`/api/v1/reports/cases/${caseId}?includeIdentifiers=true&format=json`);
      expect(analyst.statusCode).toBe(403);
      expect(analyst.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { permission: 'actions:execute' } } });
      const lead = await get(`/api/v1/reports/cases/${caseId}?includeIdentifiers=true&format=json`, 'lead');
      expect(lead.statusCode).toBe(200);
      expect(lead.body).toContain(net.accounts[0]);
      const rows = (await auditRows()).filter((r) => r.action === 'report.identifiers_included');
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.details)).toMatchObject({ includeIdentifiers: true });
    });

    it('serves the transparency report of a period, audited, and refuses reversed and decade-long periods', async () => {
      const ok = await get('/api/v1/reports/transparency?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&format=json');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
      const report = ok.json<{ actors: { name: string }[]; totals: { accountsActioned: number } }>();
      expect(report.actors.map((a) => a.name)).toEqual(['Forest Blizzard']);
      expect(report.totals.accountsActioned).toBe(1);
      const md = await get('/api/v1/reports/transparency?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&format=md');
      expect(md.body).toContain('### Forest Blizzard');
      expect(md.body).not.toContain('acct_81');
      const reversed = await get('/api/v1/reports/transparency?from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z');
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json<{ error: { message: string } }>().error.message).toContain('must start before it ends');
      const decade = await get('/api/v1/reports/transparency?from=2014-01-01T00:00:00Z&to=2024-01-01T00:00:00Z');
      expect(decade.statusCode).toBe(400);
      expect(decade.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { maxDays: 366 } } });
      expect(decade.json<{ error: { message: string } }>().error.message).toContain('at most 366 days');
      for (const url of ['/api/v1/reports/transparency?from=yesterday', '/api/v1/reports/transparency?format=exe', '/api/v1/reports/transparency?marking=purple', '/api/v1/reports/transparency?from=a&from=b'])
        expect((await get(url)).statusCode, url).toBe(400);
      const rows = (await auditRows()).filter((r) => r.action === 'report.generated' && r.targetType === 'report');
      expect(rows.length).toBe(2);
      const viewer = await get('/api/v1/reports/transparency', 'viewer');
      expect(viewer.statusCode).toBe(403);
    });

    it.runIf(dialect === 'sqlite')('streams the case report as a PDF with a filename, every page marked TLP:RED in its header and footer', async () => {
      const res = await get(`/api/v1/reports/cases/${caseId}?tlp=red&format=pdf`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${caseId}-tlp-red.pdf"`);
      const bytes = new Uint8Array(res.rawPayload);
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
      const { pages, text } = await pdfText(bytes);
      expect(pages).toBeGreaterThan(0);
      for (const page of text) expect(page.match(/TLP:RED/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      const all = text.join(' ');
      for (const heading of ['case report', 'Summary', 'Timeline', 'Attribution', 'Forest Blizzard', 'Shared infrastructure', 'Indicators matched', 'Actions taken', 'Analyst notes']) expect(all).toContain(heading);
      expect(all).not.toContain('acct_81');
    });

    it.runIf(dialect === 'sqlite')('prints at most two PDFs at once; a third caller is told to retry (429 with Retry-After)', async () => {
      // All three pass access control within milliseconds; each print takes Chromium seconds.
      const res = await Promise.all([1, 2, 3].map(() => get(`/api/v1/reports/cases/${caseId}?tlp=amber&format=pdf`)));
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 200, 429]);
      const refused = res.find((r) => r.statusCode === 429)!;
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: 2 } } });
    });
  });
}
