import { userInfo } from 'node:os';
import { AuditLog } from '../../audit/index.js';
import type { CasesContext } from '../../cases/index.js';
import { loadActorCatalogue, loadWarninglists } from '../../intel/index.js';
import { cliConfig, openCliDatabase, type DbOptions } from '../context.js';

/** Who the CLI acts as in the audit log: the operating-system user at this terminal. */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (containers): keep "unknown".
  }
  return `cli:${name}`;
}

/**
 * Runs `fn` with a cases context over the configured database. The CLI has no live pipeline and
 * no enforcement bus: bans it writes reach gateways through the store (each replica re-reads
 * changes every few seconds), and previews list sharers without verdicts.
 */
export async function withCasesContext<T>(opts: DbOptions, fn: (ctx: CasesContext) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const database = await openCliDatabase(opts);
  const audit = new AuditLog(database);
  try {
    return await fn({
      database,
      config: config.cases,
      now: Date.now,
      audit,
      catalogue: loadActorCatalogue(),
      warninglists: loadWarninglists(),
    });
  } finally {
    await audit.flush();
    await database.close();
  }
}

/** Prints a value as indented JSON (`--json`) or through `line` per item. */
export function print<T>(json: boolean | undefined, value: T, lines: (v: T) => string[]): void {
  if (json) console.log(JSON.stringify(value, null, 2));
  else for (const l of lines(value)) console.log(l);
}
