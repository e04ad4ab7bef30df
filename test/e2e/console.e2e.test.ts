import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayRuntime, type GatewayRuntime } from '../../src/gateway/gateway-runtime.js';
import { createLogger } from '../../src/observability/index.js';
import { createRuntime, type Runtime } from '../../src/server/index.js';
import { createApiKey, createGatewayKey } from '../../src/store/index.js';
import { evaderAccount, honestAccount, networkAccounts, networkEvents, networkIntelBundle } from '../cases/network-fixture.js';
import { runCli } from '../cli/run-cli.js';
import { startStubUpstream, type StubUpstream } from '../gateway/upstream.js';
import { makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../intel/fixtures.js';
import { createConsoleUser, ensureConsoleBuilt, launchChromium, screenshotPath, seriousA11yViolations } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
const password = { analyst: 'analyst-pass-4f7b2c', lead: 'lead-pass-9d1e6a' };

/**
 * Issue 7's walk, in Debian's Chromium against a real server on a loopback port: log in → open
 * the case a detection opened → inspect the network graph and explain a link → reveal a prompt
 * with a reason → preview and propose a network ban → a lead approves it → the gateway refuses
 * the network → the transparency report is generated. Screenshots of each page go to
 * test-output/screenshots/.
 */
// A shared 2-core machine can be very slow; generous limits keep the walk from flaking, and no
// step's duration is asserted (timings belong in bench:console).
describe('the investigation console, end to end in Chromium', { timeout: 300_000 }, () => {
  let rt: Runtime;
  let gw: GatewayRuntime;
  let gwUrl = '';
  let base = '';
  let upstream: StubUpstream;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gatewayKey = '';
  let caseId = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    upstream = await startStubUpstream();
    const config = loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_GATEWAY_UPSTREAM: upstream.url, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' });
    const logger = createLogger('silent');
    rt = await createRuntime(config, { logger });
    base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
    gw = await createGatewayRuntime({ config, database: rt.database, logger, bus: rt.enforcement.bus, spillDir: join(dir, 'spill'), onEventsCommitted: (e) => rt.analysis.add(e) });
    gwUrl = `http://127.0.0.1:${(await gw.listen(0, '127.0.0.1')).port}`;
    gatewayKey = (await createGatewayKey(rt.database.db, { account: networkAccounts[0]!, name: 'net_a' }, Date.now())).secret;

    const admin = { authorization: `Bearer ${(await createApiKey(rt.database.db, 'e2e-admin', 'admin', Date.now())).secret}`, 'content-type': 'application/json' };
    const bundle = networkIntelBundle({ identity: makeIdentity, actor: makeIntrusionSet, indicator: makeIndicator, relationship: makeRelationship });
    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: admin, payload: JSON.stringify(bundle) })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: admin, payload: JSON.stringify(networkEvents('e2e')) })).statusCode).toBe(200);
    await rt.cases.tick();
    await createConsoleUser(rt, 'ana@example.org', 'analyst', password.analyst);
    await createConsoleUser(rt, 'lee@example.org', 'lead', password.lead);

    browser = await launchChromium();
    // A laptop screen: the console must read well at 1366×768.
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(120_000);
    page = await context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gw?.close();
    await rt?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** axe-core on the page as shown: serious or critical violations fail the step, listed by rule. */
  async function expectAccessible(name: string): Promise<void> {
    const found = await seriousA11yViolations(page);
    expect(found, `${name}: ${found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(' ')}`).join('; ')}`).toEqual([]);
  }

  async function logIn(email: string, pass: string): Promise<void> {
    await page.goto(base + '/');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(pass);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('role').waitFor();
  }

  it('refuses a wrong password and signs the analyst in with a session cookie, showing the role', async () => {
    await page.goto(base + '/');
    await page.getByLabel('Email').waitFor();
    await page.screenshot({ path: screenshotPath('01-login') });
    await expectAccessible('login');
    await page.getByLabel('Email').fill('ana@example.org');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

    await logIn('ana@example.org', password.analyst);
    expect(await page.getByTestId('role').textContent()).toBe('analyst');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes('warden_session'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  });

  it('shows the overview: detections, counts and charts from the live pipeline', async () => {
    await page.getByRole('table', { name: 'Top detections' }).getByText(networkAccounts[0]!, { exact: true }).waitFor();
    expect(await page.locator('.stat').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('gateway-health').getByText('No gateway request in the last hour.').waitFor();
    await page.screenshot({ path: screenshotPath('02-overview'), fullPage: true });
    await expectAccessible('overview');
    // Keyboard: the skip link is the first tab stop and moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
  });

  it('opens the case a detection opened, with its evidence', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const row = page.getByRole('table', { name: 'Case queue' }).getByRole('row').filter({ hasText: 'new' }).first();
    await row.waitFor();
    await page.screenshot({ path: screenshotPath('03-cases'), fullPage: true });
    await expectAccessible('cases');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Evidence' }).waitFor();
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(caseId).not.toBe('');
    for (const a of networkAccounts) await page.getByRole('table', { name: 'Accounts and their evidence' }).getByText(a, { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('04-case'), fullPage: true });
    await expectAccessible('case');
  });

  it('inspects the network graph and explains a link: its kind, value, weight and why each member belongs', async () => {
    await page.getByRole('link', { name: 'Open network graph →' }).click();
    const graph = page.getByTestId('network-graph');
    await graph.and(page.locator('[data-ready="true"]')).waitFor();
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(networkAccounts.length + 1);
    const deviceRow = page.getByRole('table', { name: 'Links of the network' }).getByRole('row').filter({ hasText: 'device' }).first();
    await deviceRow.getByRole('button', { name: 'Explain' }).click();
    const panel = page.locator('aside.explain');
    await panel.getByRole('heading', { name: 'Why each member belongs' }).waitFor();
    expect(await panel.textContent()).toContain('dev-shared-7f');
    // Filtering by link type keeps only links of that kind in the graph and the table.
    const filter = page.getByLabel('Filter links by type');
    const kinds: string[] = [];
    for (const option of await filter.locator('option').all()) {
      const value = await option.getAttribute('value');
      if (value) kinds.push(value);
    }
    expect(kinds).toContain('device');
    const kind = kinds[0] ?? '';
    await filter.selectOption(kind);
    const kindsShown = await page.getByRole('table', { name: 'Links of the network' }).locator('tbody .kind').allTextContents();
    expect(kindsShown.length).toBeGreaterThan(0);
    expect(new Set(kindsShown)).toEqual(new Set([kind]));
    await filter.selectOption('');
    await deviceRow.getByRole('button', { name: 'Explain' }).click();
    await page.screenshot({ path: screenshotPath('05-network'), fullPage: true });
    await expectAccessible('network');

    // Filter by time, on the server: a window after the network's activity holds none of its links.
    const total = Number(await graph.getAttribute('data-edges'));
    await page.getByLabel('From (UTC day)').fill('2024-03-05');
    await page.getByText(/^0 of \d+ links live in this window$/).waitFor();
    await page.getByRole('button', { name: 'Whole period' }).click();
    await page.getByText('Links live between these days (server-side)').waitFor();
    await graph.and(page.locator(`[data-ready="true"][data-edges="${total}"]`)).waitFor();

    // Expand from a node, by keyboard: select an account from the members table, then expand it;
    // its addresses (not links of the report) join the graph.
    const before = Number(await graph.getAttribute('data-nodes'));
    const explainMember = page.getByRole('button', { name: `Explain ${networkAccounts[0]!}` });
    await explainMember.focus();
    await page.keyboard.press('Enter');
    const expand = panel.getByRole('button', { name: 'Expand neighbours' });
    await expand.focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('status').filter({ hasText: 'new edges' }).waitFor();
    await panel.getByRole('heading', { name: 'Found by expanding' }).waitFor();
    await graph.and(page.locator('[data-ready="true"]')).waitFor();
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThan(before);
    await page.screenshot({ path: screenshotPath('05b-network-expanded'), fullPage: true });
  });

  it('shows an account with masked prompts, and reveals them only with a reason', async () => {
    await page.getByRole('table', { name: 'Members' }).getByRole('link', { name: networkAccounts[0]!, exact: true }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.locator('blockquote.prompt').first().waitFor();
    expect(await page.locator('blockquote.prompt.revealed').count()).toBe(0);
    await page.getByLabel('Reason to reveal').fill('Checking the malware requests for case ' + caseId);
    await page.getByRole('button', { name: 'Reveal prompts' }).click();
    await page.locator('blockquote.prompt.revealed').first().waitFor();
    expect(await page.locator('blockquote.prompt.revealed').allTextContents()).toContainEqual(expect.stringContaining('PowerShell'));
    await page.screenshot({ path: screenshotPath('06-account'), fullPage: true });
    await expectAccessible('account');
  });

  it('previews the blast radius of a network ban (the honest user sharing the range shows) and proposes it', async () => {
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('button', { name: 'Preview blast radius' }).click();
    const blast = page.getByTestId('blast-radius');
    await blast.waitFor();
    expect(await blast.textContent()).toContain(honestAccount);
    await page.getByLabel('Reason (recorded, shown to the approver)').fill('Malware development and phishing from one device and card');
    await page.getByRole('button', { name: 'Propose network-ban' }).click();
    await page.getByTestId('action-proposed').waitFor();
    // An analyst cannot approve: the console offers no button, and the server would refuse.
    expect(await page.getByRole('button', { name: 'Approve and execute' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('07-case-proposed'), fullPage: true });
    await expectAccessible('case with blast radius');
  });

  it('a lead approves the ban; the case is actioned and its audit trail shows every step', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await logIn('lee@example.org', password.lead);
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('button', { name: 'Approve and execute' }).click();
    await page.getByTestId('action-executed').waitFor();
    await page.screenshot({ path: screenshotPath('08-case-actioned'), fullPage: true });
    await page.locator('.case-meta').getByText('actioned', { exact: true }).waitFor();
    const audit = page.locator('.panel').filter({ has: page.getByRole('heading', { name: 'Audit trail' }) });
    await audit.getByText('action.executed').waitFor();
    await audit.getByText('prompt.revealed').waitFor();
    await page.screenshot({ path: screenshotPath('08-case-actioned'), fullPage: true });
  });

  it('the gateway refuses the banned network', async () => {
    const r = await request(`${gwUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gatewayKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4', messages: [{ role: 'user', content: 'What is the capital of France?' }] }),
    });
    const refusal = (await r.body.json()) as { error?: { code?: string } };
    expect(r.statusCode).toBe(403);
    // Refused for the ban itself, not for a detection that failed closed.
    expect(['WARDEN_BANNED_ACCOUNT', 'WARDEN_BANNED_NETWORK']).toContain(refusal.error?.code);
    // The overview's gateway panel counts the refusal once the gateway's event is stored.
    const health = page.getByTestId('gateway-health');
    await page.goto(base + '/');
    await health.getByText('replicas seen').waitFor();
    for (let i = 0; i < 60 && !((await health.textContent()) ?? '').includes('block'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await page.reload();
      await health.getByText('replicas seen').waitFor();
    }
    expect(await health.textContent()).toContain('block');
    await page.screenshot({ path: screenshotPath('08b-overview-gateway'), fullPage: true });
  });

  it('the other pages render from the real APIs: networks, actors, intel, search', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Networks' }).click();
    await page.getByRole('table', { name: 'Networks' }).getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: screenshotPath('09-networks'), fullPage: true });
    await expectAccessible('networks');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actors' }).click();
    await page.getByRole('table', { name: 'Actors' }).getByText('Forest Blizzard', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('10-actors') });
    await expectAccessible('actors');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intel' }).click();
    await page.getByRole('table', { name: 'Indicators' }).getByText("203.0.113.10", { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath('11-intel'), fullPage: true });
    await expectAccessible('intel');
    await page.keyboard.press('/');
    await page.keyboard.type('dev-shared');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Linking values' }).waitFor();
    await page.screenshot({ path: screenshotPath('12-search') });
    await expectAccessible('search');
    await page.goto(`${base}/networks/map`);
    await page.getByTestId('network-graph').and(page.locator('[data-ready="true"]')).waitFor();
    await page.screenshot({ path: screenshotPath('12b-network-map') });
    await expectAccessible('network map');
    expect(consoleErrors).toEqual([]);
  });

  it('serves deep links through the SPA fallback, and keeps unknown API paths JSON 404s', async () => {
    const deep = await request(`${base}/cases/${encodeURIComponent(caseId)}`);
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-security-policy']).toContain("default-src 'self'");
    expect(await deep.body.text()).toContain('<div id="root">');
    const api = await request(`${base}/api/v1/nope`);
    expect(api.statusCode).toBe(404);
    expect(await api.body.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('generates the transparency report of the period (built CLI) and it renders in Chromium', async () => {
    const out = join(dir, 'transparency.html');
    const r = await runCli(['report', 'transparency', '--from', new Date(Date.now() - 30 * 86_400_000).toISOString(), '--to', new Date(Date.now() + 86_400_000).toISOString(), '--db', join(dir, 'warden.db'), '--format', 'html', '--out', out, '--publisher', 'Example AI']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Example AI');
    // The ban just approved is in the report: the actor disrupted, its accounts pseudonymised.
    expect(html).toContain('Forest Blizzard');
    for (const a of [...networkAccounts, evaderAccount]) expect(html).not.toContain(a);
    const report = await context.newPage();
    await report.goto(pathToFileURL(out).href);
    await report.screenshot({ path: screenshotPath('13-transparency-report'), fullPage: true });
    await report.close();
  });
});
