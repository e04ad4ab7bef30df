import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
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
