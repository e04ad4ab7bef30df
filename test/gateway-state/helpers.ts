import { randomBytes } from 'node:crypto';
import type { BlockEntry } from '../../src/enforcement/index.js';
import { createLogger, type Logger } from '../../src/observability/index.js';
import { insertBlockEntries, revokeBlockEntries, type Database } from '../../src/store/index.js';
import type { EnforcementBus } from '../../src/enforcement/index.js';

/** A logger whose records a test can read back. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = createLogger('info', { write: (s: string) => void out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}:`;
}

export function makeEntry(over: Partial<BlockEntry> = {}): BlockEntry {
  return {
    id: `be_${randomBytes(6).toString('hex')}`,
    kind: 'account',
    value: `acct_${randomBytes(4).toString('hex')}`,
    effect: 'block',
    reason: 'test',
    source: {},
    createdAt: Date.now(),
    expiresAt: null,
    revokedAt: null,
    shadow: false,
    ...over,
  };
}

/** What the cases service does: store the entry, then publish it. */
export async function ban(
  database: Pick<Database, 'db'>,
  bus: EnforcementBus,
  entry: BlockEntry,
): Promise<void> {
  await insertBlockEntries(database.db, [entry]);
  await bus.publish({ op: 'upsert', entry });
}

export async function unban(
  database: Pick<Database, 'db'>,
  bus: EnforcementBus,
  id: string,
  at = Date.now(),
): Promise<void> {
  await revokeBlockEntries(database.db, [id], at);
  await bus.publish({ op: 'revoke', id, revokedAt: at });
}

/** Polls until the predicate holds; throws with the label after `limitMs` (a bound on waiting, not a measured assertion). */
export async function waitFor(
  label: string,
  predicate: () => boolean | Promise<boolean>,
  limitMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
