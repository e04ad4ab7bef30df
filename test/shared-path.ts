import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A path under ../shared beside the checkout. Throws (failing the test, never skipping it) when
 * the folder is missing, since tests that read it would otherwise pass without checking anything.
 */
export function sharedPath(...parts: string[]): string {
  const root = process.env.WARDEN_SHARED_DIR ?? join(repo, '..', 'shared');
  const p = join(root, ...parts);
  if (!existsSync(p)) {
    throw new Error(`${p} is missing: these tests read ../shared beside the checkout (set WARDEN_SHARED_DIR to move it).`);
  }
  return p;
}
