import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { WardenConfig } from '../config/index.js';
import { FieldCipherCarrier, fieldCipherFromConfig, type FieldCipher } from './field-cipher.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** A human-readable location for logs, without credentials. */
  location: string;
  /** SQLite only: the connection under Kysely, for the ingest hot path's prepared statements. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  schema?: string;
  /** SQLite only: an explicit file, instead of `warden.db` under the data dir. */
  sqliteFile?: string;
  poolSize?: number;
}

// pg returns int8 as a string to stay exact; Warden's bigints are millisecond times and counts,
// well inside 2^53.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as (v: string) => unknown,
};

/**
 * Opens Warden's database: PostgreSQL when `database.url` is set, otherwise the embedded SQLite
 * file under `database.dataDir`, in WAL mode so readers never block the ingest writer.
 */
export function openDatabase(config: Pick<WardenConfig, 'database'> & { privacy?: Partial<WardenConfig['privacy']> }, options: DatabaseOptions = {}): Database {
  const { url, dataDir, sqliteSynchronous } = config.database;
  // Encryption at rest rides on the Kysely instance, so every caller that opens the database
  // from the configuration reads and writes the same way (docs/privacy.md).
  const plugins = [new FieldCipherCarrier(fieldCipherFromConfig(config.privacy))];
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: pgTypes,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return {
      db,
      dialect: 'postgres',
      location: url.replace(/\/\/[^@]*@/, '//'),
      close: () => db.destroy(),
    };
  }
  if (url) throw new Error(`WARDEN_DATABASE_URL must start with postgres:// (got "${url.split(':')[0]}:…")`);
  const file = options.sqliteFile ?? join(resolve(dataDir), 'warden.db');
  if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache: with the id cache it keeps a 1M-event ingest under 400 MB RSS
  // (bench/ingest.ts); 64 MB bought 8% more speed for 40 MB more memory.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}

/**
 * The same database seen through another field cipher (or none): key rotation tests and tools
 * that must read with one key and write with another. Closing it closes the original.
 */
export function withFieldCipher(database: Database, cipher: FieldCipher | undefined): Database {
  return { ...database, db: database.db.withPlugin(new FieldCipherCarrier(cipher)) };
}
