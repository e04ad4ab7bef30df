import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

/**
 * An auto-numbered primary key: the visible dialect branch between SQLite's rowid alias and a
 * PostgreSQL identity column. Migrations share it so every table numbers rows the same way.
 */
export function serialColumn(db: Kysely<unknown>) {
  const postgres = dialectOf(db) === 'postgres';
  return <TB extends string>(t: CreateTableBuilder<TB>, name: string) =>
    postgres
      ? t.addColumn(name, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}
