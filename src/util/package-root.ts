import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding Warden's package.json, found by walking up from this file, so that shipped
 * data under `data/` is found both from `src/` (tests, tsx) and from `dist/src/` (the built bin).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Warden package root not found (no package.json beside data/)');
    dir = parent;
  }
}

/** A path inside the shipped `data/` folder. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}
