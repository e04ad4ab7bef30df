import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../../src/api/password.js';
import { insertUser } from '../../src/store/index.js';
import { chromiumArgs, type Runtime } from '../../src/server/index.js';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = join(repo, 'test-output', 'screenshots');
export const chromiumPath = process.env.WARDEN_REPORTS_CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The console is served from web/dist; `npm test` builds it first. A run of this file alone
 * (re)builds it here when it is missing or older than web/src, so the test never drives a
 * stale bundle silently.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const index = join(repo, 'web', 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource(join(repo, 'web', 'src'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(repo, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * Debian's Chromium, headless, with nothing that phones home. Playwright gives every
 * non-persistent launch a new empty profile folder of its own (and refuses `--user-data-dir`).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() });
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}

/** A console user with a password, as an admin would create one. */
export async function createConsoleUser(rt: Runtime, email: string, role: string, password: string): Promise<void> {
  await insertUser(rt.database.db, { email, name: email.split('@')[0] ?? email, role, passwordHash: await hashPassword(password) }, Date.now());
}

/** One axe-core finding, cut to what a failure message needs. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const axeSource = (): string => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it stands and returns the serious
 * and critical violations: missing labels, contrast under 4.5:1, focus traps, ARIA misuse. The
 * script is evaluated through the DevTools protocol, so the console's CSP (no inline script)
 * stays on for the test.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  // Page-side code is given as text: this project's type-check has no DOM library.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource());
  const found = await page.evaluate<AxeFinding[]>(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  })()`);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
