/**
 * bench:console — the investigation console in Debian's Chromium against a real server holding a
 * simulated world: time to first content (the overview's figures on screen after navigation) and
 * time to an interactive network map (sigma.js drawn, click handlers bound) of at least 500
 * nodes, each beside a baseline measured in the same run and browser: navigating to a blank
 * same-origin page (`/healthz`).
 *
 *   npm run bench:console [-- --accounts 3000 --days 14 --runs 5 --seed 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/observability/index.js';
import { createRuntime } from '../src/server/index.js';
import { createWorld } from '../src/sim/index.js';
import { createApiKey } from '../src/store/index.js';
import { createConsoleUser, ensureConsoleBuilt, launchChromium } from '../test/e2e/harness.js';
import { arg, fmt, report } from './harness.js';

const accounts = Number(arg('accounts', '3000'));
const days = Number(arg('days', '14'));
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

async function main(): Promise<void> {
  await ensureConsoleBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-console-'));
  const rt = await createRuntime(loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_CASES_SCHEDULER_INTERVAL_MS: '3600000' }), { logger: createLogger('silent') });
  try {
    const base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const key = (await createApiKey(rt.database.db, 'bench', 'admin', Date.now())).secret;
    const world = createWorld({ seed, accounts, days });
    const ingestStart = performance.now();
    let events = 0;
    for (const chunk of world.eventLines(20_000)) {
      const res = await rt.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, payload: chunk.join('\n') });
      if (res.statusCode !== 200) throw new Error(`ingest answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      events += chunk.length;
    }
    await rt.cases.tick();
    const overview = await rt.app.inject({ method: 'GET', url: '/api/v1/console/networks?limit=500', headers: { authorization: `Bearer ${key}` } });
    const networks = overview.json<{ total: number }>().total;
    console.log(`world: ${fmt(accounts)} accounts, ${days} days, ${fmt(events)} events, ${fmt(networks)} networks (ingest and pipeline ${fmt((performance.now() - ingestStart) / 1000, 1)} s)`);

    await createConsoleUser(rt, 'bench@example.org', 'analyst', 'bench-password-1');
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const login = await context.request.post(`${base}/api/v1/session`, { data: { email: 'bench@example.org', password: 'bench-password-1' } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page: Page = await context.newPage();

    const blank: number[] = [];
    const firstContent: number[] = [];
    const mapReady: number[] = [];
    let mapNodes = 0;
    let mapNetworks = 0;
    // Enough networks for 500 nodes: the map draws the top networks' links (accounts plus linking values).
    for (const n of [25, 50, 100, 200, 500]) {
      await page.goto(`${base}/networks/map?networks=${n}`);
      await page.locator('[data-testid="network-graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
      mapNodes = Number(await page.getByTestId('network-graph').getAttribute('data-nodes'));
      mapNetworks = n;
      if (mapNodes >= 500) break;
    }
    for (let i = 0; i < runs + 1; i++) {
      const b = await timed(async () => {
        await page.goto(`${base}/healthz`);
      });
      const fc = await timed(async () => {
        await page.goto(`${base}/`);
        await page.locator('.stat-value').first().waitFor();
      });
      const mr = await timed(async () => {
        await page.goto(`${base}/networks/map?networks=${mapNetworks}`);
        await page.locator('[data-testid="network-graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
      });
      // The first round warms the browser cache and the server's report; it is not counted.
      if (i === 0) continue;
      blank.push(b);
      firstContent.push(fc);
      mapReady.push(mr);
    }
    await browser.close();

    const figures = {
      world: { seed, accounts, days, events, networks },
      runs,
      baselineBlankMs: median(blank),
      firstContentMs: median(firstContent),
      mapInteractiveMs: median(mapReady),
      mapNodes,
      mapNetworks,
      firstContentRatio: median(firstContent) / median(blank),
      mapRatio: median(mapReady) / median(blank),
      samples: { blank, firstContent, mapReady },
    };
    console.log(`baseline: blank same-origin page load       ${fmt(figures.baselineBlankMs, 1)} ms (median of ${runs})`);
    console.log(`console: time to first content (overview)   ${fmt(figures.firstContentMs, 1)} ms  = ${fmt(figures.firstContentRatio, 1)}× baseline`);
    console.log(`console: network map interactive, ${fmt(mapNodes)} nodes (${mapNetworks} networks)  ${fmt(figures.mapInteractiveMs, 1)} ms  = ${fmt(figures.mapRatio, 1)}× baseline`);
    if (mapNodes < 500) console.log(`note: the world's networks give only ${mapNodes} nodes; run with more --accounts for a 500-node graph`);
    report('console', figures);
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
