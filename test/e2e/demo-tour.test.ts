import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-demo-tour-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(output: () => string, re: RegExp): Promise<string> {
  // Bounded by the test timeout, not by a clock threshold: the world takes what the machine takes.
  while (!re.test(output())) await new Promise((r) => setTimeout(r, 100));
  return output();
}

// Generous limits for a loaded machine; no duration is asserted.
describe('warden demo, the tour', { timeout: 300_000 }, () => {
  it('loads a simulated world into cases and prints console logins that work, with the console served at /', async () => {
    const { child, url, output } = await startCli(['demo', '--port', '0', '--accounts', '400', '--days', '7'], { WARDEN_DATA_DIR: dir });
    try {
      const printed = await waitFor(output, /login\s+lead@demo\.warden\s+\S+/);
      expect(printed).toMatch(/world\s+\d+ events analysed; \d+ cases opened from detections/);
      expect(printed).toContain(`console    ${url}/`);
      const analyst = /login\s+(analyst@demo\.warden)\s+(\S+)/.exec(printed);
      expect(analyst).not.toBeNull();

      const login = await request(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: analyst![1], password: analyst![2] }),
      });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const { csrfToken } = (await login.body.json()) as { csrfToken: string };
      expect(csrfToken.length).toBeGreaterThan(20);

      const overview = await request(`${url}/api/v1/console/overview`, { headers: { cookie } });
      expect(overview.statusCode).toBe(200);
      const o = (await overview.body.json()) as { events: number; networks: { total: number }; cases: Record<string, number> };
      expect(o.events).toBeGreaterThan(1000);
      expect(o.networks.total).toBeGreaterThan(0);
      expect(Object.values(o.cases).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      const page = await request(`${url}/cases`);
      expect(page.statusCode).toBe(200);
      expect(await page.body.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it('refuses bad numbers before starting anything', async () => {
    const { runCli } = await import('../cli/run-cli.js');
    const r = await runCli(['demo', '--accounts', 'lots'], { env: { WARDEN_DATA_DIR: dir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--accounts must be a whole number');
  });
});
