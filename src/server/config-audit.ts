import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/index.js';
import { redactConfig, type WardenConfig } from '../config/index.js';
import { canonicalJson } from '../events/index.js';
import { listAuditRowsAfter, type Database } from '../store/index.js';

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/**
 * Configuration is read from the environment at start, so a change shows up as a process
 * starting with other settings. Each start records `config.applied` with the (redacted)
 * settings; when they differ from the last recorded start, the entry lists what changed.
 */
export async function recordConfigApplied(audit: AuditLog, database: Database, config: Readonly<WardenConfig>, now: number): Promise<void> {
  const settings = flatten(redactConfig(config));
  const hash = createHash('sha256').update(canonicalJson(settings)).digest('hex');
  let previous: Record<string, unknown> | undefined;
  for (let after = 0; ; ) {
    const page = await listAuditRowsAfter(database.db, after, 5000, { action: 'config.applied' });
    if (page.length === 0) break;
    previous = (JSON.parse(page[page.length - 1]!.details) as { settings?: Record<string, unknown> }).settings;
    after = page[page.length - 1]!.seq;
  }
  const previousHash = previous ? createHash('sha256').update(canonicalJson(previous)).digest('hex') : undefined;
  if (previousHash === hash) return;
  const changed = previous ? [...new Set([...Object.keys(previous), ...Object.keys(settings)])].filter((k) => canonicalJson(previous[k]) !== canonicalJson(settings[k])).sort() : [];
  await audit.record({ at: now, actor: 'system:config', action: 'config.applied', details: { hash, settings, changed, first: previous === undefined } });
}
