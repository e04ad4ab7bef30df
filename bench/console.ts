/**
 * bench:console — the investigation console in Debian's Chromium against a real server holding a
 * simulated world: time to first content of each page an analyst lives in (overview, case queue,
 * a busy account, search) and time to an interactive network graph of at least 500 nodes, each
 * beside a baseline measured in the same run and browser: navigating to a blank same-origin page
 * (`/healthz`). The world is stored once under bench/out/ and reused (see console-world.ts).
 *
 *   npm run bench:console                       # the demo's world: 1,500 accounts, 14 days
 *   npm run bench:console -- --world large      # 100,000 accounts, 196 days (~5M events)
 *   npm run bench:console -- --accounts 20000 --days 28 --runs 5 --seed 7
 */
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { hashPassword } from '../src/api/password.js';
import { findUserByEmail, updateUser } from '../src/store/index.js';
import { createConsoleUser, ensureConsoleBuilt, launchChromium } from '../test/e2e/harness.js';
import { openStoredWorld } from './console-world.js';
import { arg, fmt, report } from './harness.js';

const large = arg('world', 'demo') === 'large';
const accounts = Number(arg('accounts', large ? '100000' : '1500'));
const days = Number(arg('days', large ? '196' : '14'));
const runs = Number(arg('runs', '5'));
const seed = Number(arg('seed', '7'));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function apiMs(base: string, page: Page, path: string): Promise<number> {
  return timed(async () => {
    const r = await page.request.get(base + path);
    if (!r.ok()) throw new Error(`${path} answered ${r.status()}`);
    await r.body();
  });
}

async function main(): Promise<void> {
  await ensureConsoleBuilt();
  const t0 = performance.now();
  const { rt, world, cached } = await openStoredWorld({ seed, accounts, days }, (line) => console.log(line));
  const startupS = (performance.now() - t0) / 1000;
  try {
    const base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
    // The busiest account (most stored events): the account page an analyst opens on a heavy user.
    const busiest = await sql<{ account: string; n: number }>`select account, count(*) as n from events group by account order by n desc limit 1`.execute(rt.database.db);
    const busy = busiest.rows[0]!;
    const firstFlagged = rt.analysis.report(new Date().toISOString()).accounts[0]?.account ?? busy.account;
    // A search an analyst types: the first characters of a flagged account's name.
    const needle = firstFlagged.slice(0, Math.min(8, firstFlagged.length));

    // The stored world is reused: the bench user is created once, its password reset each run.
    const email = 'bench@example.org';
    const existing = await findUserByEmail(rt.database.db, email);
    if (existing) await updateUser(rt.database.db, existing.id, { passwordHash: await hashPassword('bench-password-1'), role: 'analyst', disabledAt: null });
    else await createConsoleUser(rt, email, 'analyst', 'bench-password-1');
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const login = await context.request.post(`${base}/api/v1/session`, { data: { email, password: 'bench-password-1' } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page: Page = await context.newPage();

    const networks = (await (await page.request.get(`${base}/api/v1/console/networks?limit=1`)).json()) as { total: number; networks: { id: string; size: number }[] };
    // Enough networks for 500 nodes: the map draws the top networks' links (accounts plus linking values).
    let mapNodes = 0;
    let mapNetworks = 0;
    // The fewest top networks whose map reaches 500 nodes: the graph the issue names, not a bigger one.
    for (const n of [1, 2, 3, 4, 6, 8, 12, 16, 25, 50, 100, 200, 500]) {
      await page.goto(`${base}/networks/map?networks=${n}`);
      await page.locator('[data-testid="network-graph"][data-ready="true"]').waitFor({ timeout: 600_000 });
      mapNodes = Number(await page.getByTestId('network-graph').getAttribute('data-nodes'));
      mapNetworks = n;
      if (mapNodes >= 500 || n >= networks.total) break;
    }
    const biggest = networks.networks[0];
    console.log(
      `world: ${fmt(accounts)} accounts, ${days} days, ${fmt(world.events)} events, ${fmt(networks.total)} networks; start-up ${fmt(startupS, 1)} s (${cached ? 'stored world, replayed' : 'built now'}); busiest account ${busy.account} (${fmt(Number(busy.n))} events)`,
    );

    const pages: { name: string; url: string; ready: string }[] = [
      { name: 'overview', url: '/', ready: '.stat-value' },
      { name: 'cases queue', url: '/cases', ready: 'table[aria-label="Case queue"] tbody tr' },
      { name: `account (busiest, ${fmt(Number(busy.n))} events)`, url: `/accounts/${encodeURIComponent(busy.account)}`, ready: 'ol[aria-label="Events, newest first"] li' },
      { name: `search "${needle}"`, url: `/search?q=${encodeURIComponent(needle)}`, ready: '.page .panel h2, .page p.muted' },
      ...(biggest ? [{ name: `network ${biggest.id} (${biggest.size} accounts)`, url: `/networks/${encodeURIComponent(biggest.id)}`, ready: '[data-testid="network-graph"][data-ready="true"]' }] : []),
      { name: `network map, ${fmt(mapNodes)} nodes (${mapNetworks} networks)`, url: `/networks/map?networks=${mapNetworks}`, ready: '[data-testid="network-graph"][data-ready="true"]' },
    ];
    const samples: Record<string, number[]> = { blank: [] };
    for (const p of pages) samples[p.name] = [];
    for (let i = 0; i < runs + 1; i++) {
      const b = await timed(async () => {
        await page.goto(`${base}/healthz`);
      });
      const round: Record<string, number> = {};
      for (const p of pages)
        round[p.name] = await timed(async () => {
          await page.goto(base + p.url);
          await page.locator(p.ready).first().waitFor({ timeout: 600_000 });
        });
      // The first round warms the browser cache and the server's report; it is not counted.
      if (i === 0) continue;
      samples.blank!.push(b);
      for (const p of pages) samples[p.name]!.push(round[p.name]!);
    }
    // The API answers alone (server time, no browser), for where the time goes.
    const api: Record<string, number> = {};
    for (const [name, path] of [
      ['overview', '/api/v1/console/overview'],
      ['networks page', '/api/v1/console/networks?limit=25'],
      ['cases page', '/api/v1/cases?limit=50'],
      ['account', `/api/v1/console/accounts/${encodeURIComponent(busy.account)}`],
      ['account events', `/api/v1/accounts/${encodeURIComponent(busy.account)}/events?limit=200`],
      ['search', `/api/v1/console/search?q=${encodeURIComponent(needle)}&limit=20`],
      ['gateway health', '/api/v1/console/gateway'],
      ['intel', '/api/v1/console/intel'],
      ['neighbours of the busiest account', `/api/v1/console/neighbours?account=${encodeURIComponent(busy.account)}`],
    ] as const) {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) xs.push(await apiMs(base, page, path));
      api[name] = median(xs);
    }
    await browser.close();

    const blank = median(samples.blank!);
    console.log(`baseline: blank same-origin page load  ${fmt(blank, 1)} ms (median of ${runs})`);
    const figures: Record<string, { ms: number; ratio: number }> = {};
    for (const p of pages) {
      const ms = median(samples[p.name]!);
      figures[p.name] = { ms, ratio: ms / blank };
      console.log(`console: ${p.name.padEnd(48)} ${fmt(ms, 1).padStart(9)} ms  = ${fmt(ms / blank, 1)}× baseline`);
    }
    for (const [name, ms] of Object.entries(api)) console.log(`api:     ${name.padEnd(48)} ${fmt(ms, 1).padStart(9)} ms`);
    if (mapNodes < 500) console.log(`note: the world's top networks give only ${mapNodes} nodes; run --world large for a 500-node graph`);
    report(large ? 'console-large' : 'console', { world: { seed, accounts, days, events: world.events, networks: networks.total }, startupSeconds: startupS, cached, runs, baselineBlankMs: blank, pages: figures, apiMs: api, mapNodes, mapNetworks, samples });
  } finally {
    await rt.close();
  }
}

await main();
