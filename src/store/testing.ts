import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, describe, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../config/index.js';
import { openDatabase, type Database, type Dialect } from './database.js';
import { migrateUp } from './migrate.js';

export interface TestDatabase extends Database {
  /** Deletes the SQLite file or drops the PostgreSQL schema. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of the given dialect: a temp SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'warden-sqlite-'));
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }));
    const report = await migrateUp(database.db);
    if (!report.ok) throw new Error(`migration failed: ${report.error}`);
    return {
      ...database,
      async destroy() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = inject('pgUrl');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase(loadConfig({ WARDEN_DATABASE_URL: url }), { schema, poolSize: 4 });
  const report = await migrateUp(database.db);
  if (!report.ok) throw new Error(`migration failed: ${report.error}`);
  return {
    ...database,
    async destroy() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * Runs one suite against every dialect, so each storage behaviour is written once. The suite
 * receives a getter: the database exists only once `beforeAll` has run.
 */
export function describeEachDialect(name: string, suite: (getDb: () => TestDatabase, dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.destroy();
      });
      suite(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, dialect);
    });
  }
}
