import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';

/**
 * The read-only external data folder (../shared/data beside the repository, or
 * WARDEN_SHARED_DATA). Tests that need it fail with this message rather than skip silently.
 */
export function sharedDataPath(...parts: string[]): string {
  const root = process.env.WARDEN_SHARED_DATA ?? join(packageRoot(), '..', 'shared', 'data');
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `Shared test data not found at ${path}. These tests read OASIS schemas, ATT&CK, ATLAS and MISP galaxy ` +
        'from ../shared/data (never copied into the repository); check it out there or set WARDEN_SHARED_DATA.',
    );
  }
  return path;
}
