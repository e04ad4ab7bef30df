import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey, listAuditRowsAfter } from '../../src/store/index.js';
import { networkAccounts, networkEvents, networkIntelBundle } from '../cases/network-fixture.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../intel/fixtures.js';
import { createConsoleUser, ensureConsoleBuilt, launchChromium, screenshotPath, seriousA11yViolations } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-reports-'));
const password = 'analyst-pass-5c8e1a';

/**
 * Issue 7's partner report, in Debian's Chromium against a real server: from a case page, "Report
 * for partner" → TLP:AMBER → preview (sandboxed iframe) shows the marking in header and footer
 * and no account id → the STIX bundle downloads with the OASIS TLP 2.0 AMBER marking; the
 * transparency report previews too. Screenshots go to test-output/screenshots/.
 */
describe('reports in the console, end to end in Chromium', { timeout: 300_000 }, () => {
  let rt: Runtime;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    const config = loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000', WARDEN_REPORTS_PUBLISHER: 'Example AI' });
    rt = await createRuntime(config, { logger: createLogger('silent') });
    base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = { authorization: `Bearer ${(await createApiKey(rt.database.db, 'e2e-admin', 'admin', Date.now())).secret}`, 'content-type': 'application/json' };
    const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: admin, payload: JSON.stringify(bundle) })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: admin, payload: JSON.stringify(networkEvents('e2r')) })).statusCode).toBe(200);
    await rt.cases.tick();
    await createConsoleUser(rt, 'ana@example.org', 'analyst', password);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
    context.setDefaultTimeout(120_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await rt?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the case report for a partner under TLP:AMBER from the case page and previews it with the marking', async () => {
    await page.goto(base + '/');
    await page.getByLabel('Email').fill('ana@example.org');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('role').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const row = page.getByRole('table', { name: 'Case queue' }).getByRole('row').filter({ hasText: 'new' }).first();
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Evidence' }).waitFor();
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

    await page.getByRole('link', { name: 'Report for partner' }).click();
    await page.getByRole('heading', { name: 'Case report for a partner' }).waitFor();
    expect(new URL(page.url()).searchParams.get('case')).toBe(caseId);
    const form = page.getByRole('form', { name: 'Case report' });
    expect(await form.getByLabel('Case', { exact: true }).inputValue()).toBe(caseId);
    await form.getByLabel('TLP marking').selectOption('amber');
    expect(await page.getByTestId('tlp-chip').textContent()).toBe('TLP:AMBER');
    await form.getByRole('button', { name: 'Preview' }).click();

    const preview = page.frameLocator('iframe[title="Case report preview"]');
    await preview.getByRole('heading', { name: 'Summary' }).waitFor();
    const banners = preview.locator('.tlp span');
    expect(await banners.count()).toBe(2);
    expect(await banners.allTextContents()).toEqual(['TLP:AMBER', 'TLP:AMBER']);
    // FIRST TLP 2.0 colours: amber (255, 192, 0) on black. The sandbox runs no script, so the style is read, not computed.
    expect(await banners.first().getAttribute('style')).toMatch(/^background:#000000;color:#FFC000;/);
    const body = (await preview.locator('body').textContent()) ?? '';
    expect(body).toContain('Example AI case report');
    for (const a of networkAccounts) expect(body).not.toContain(a);
    expect(await page.locator('iframe[title="Case report preview"]').getAttribute('sandbox')).toBe('');
    await page.screenshot({ path: screenshotPath('14-case-report-amber'), fullPage: true });
    const found = await seriousA11yViolations(page);
    expect(found.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Download STIX bundle' }).click()]);
    expect(download.suggestedFilename()).toBe(`${caseId.replace(/[^A-Za-z0-9_-]/g, '_')}-tlp-amber.stix.json`);
    const stix = JSON.parse(readFileSync((await download.path()), 'utf8')) as { objects: { type: string; id: string; object_marking_refs?: string[] }[] };
    const marking = stix.objects.find((o) => o.type === 'marking-definition')!;
    expect(marking.id).toBe('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    for (const o of stix.objects.filter((x) => x.type !== 'marking-definition')) expect(o.object_marking_refs).toEqual([marking.id]);

    const audited = (await listAuditRowsAfter(rt.database.db, 0, 1000)).filter((r) => r.action === 'report.generated' && r.targetId === caseId);
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]!.actor).toMatch(/^user:/);
  });

  it('previews the transparency report of the period', async () => {
    const form = page.getByRole('form', { name: 'Transparency report' });
    await form.getByLabel('From').fill('2024-02-01');
    await form.getByLabel('To (exclusive)').fill('2024-04-01');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.frameLocator('iframe[title="Transparency report preview"]');
    await preview.getByRole('heading', { name: 'Summary' }).waitFor();
    expect((await preview.locator('h1').textContent()) ?? '').toContain('Example AI transparency report');
    expect((await preview.locator('body').textContent()) ?? '').not.toContain(networkAccounts[0]);
    await page.screenshot({ path: screenshotPath('15-reports-transparency'), fullPage: true });
    // A reversed period is refused with the server's message, shown in the page.
    await form.getByLabel('From').fill('2099-01-01');
    await form.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').filter({ hasText: 'must start before it ends' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
