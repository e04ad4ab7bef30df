import { Migrator, sql, type MigrationResult, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.js';
import { migrations } from './migrations/index.js';

export interface MigrationReport {
  ok: boolean;
  results: { name: string; direction: 'Up' | 'Down'; status: 'Success' | 'Error' | 'NotExecuted' }[];
  error?: string;
}

/**
 * PostgreSQL: pin the bookkeeping tables to the session's schema. Otherwise Kysely finds them in
 * any schema on the server and may skip creating them in this one.
 */
async function migrator<T>(db: Kysely<T>): Promise<Migrator> {
  let schema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = r.rows[0]?.s;
  }
  return new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'warden_migration',
    migrationLockTableName: 'warden_migration_lock',
  });
}

function report(r: { error?: unknown; results?: MigrationResult[] }): MigrationReport {
  const out: MigrationReport = {
    ok: r.error === undefined,
    results: (r.results ?? []).map((m) => ({ name: m.migrationName, direction: m.direction, status: m.status })),
  };
  if (r.error !== undefined) out.error = r.error instanceof Error ? r.error.message : JSON.stringify(r.error);
  return out;
}

/** Applies every pending migration; returns a report rather than throwing. */
export async function migrateUp<T>(db: Kysely<T>): Promise<MigrationReport> {
  return report(await (await migrator(db)).migrateToLatest());
}

/** Reverts the latest applied migration. */
export async function migrateDown<T>(db: Kysely<T>): Promise<MigrationReport> {
  return report(await (await migrator(db)).migrateDown());
}

/** Each known migration and whether it is applied. */
export async function migrationStatus<T>(db: Kysely<T>): Promise<{ name: string; executedAt: Date | null }[]> {
  const list = await (await migrator(db)).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
