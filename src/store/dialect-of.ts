import { PostgresAdapter } from 'kysely';

/** Which database a migration runs on, for the few places where SQLite and PostgreSQL differ. */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
