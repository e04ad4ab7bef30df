import { loadConfig, type WardenConfig } from '../config/index.js';
import { openDatabase, migrateUp, type Database } from '../store/index.js';
import { UsageError } from './cli-error.js';

/** Options every command that touches the database accepts. */
export interface DbOptions {
  db?: string;
}

/** Configuration from the environment, with `--db PATH` selecting an embedded SQLite file. */
export function cliConfig(): Readonly<WardenConfig> {
  return loadConfig();
}

/** Opens (and by default migrates) the configured database for a command. */
export async function openCliDatabase(opts: DbOptions, migrate = true): Promise<Database> {
  const config = cliConfig();
  const database = opts.db ? openDatabase(config, { sqliteFile: opts.db }) : openDatabase(config);
  if (migrate) {
    const report = await migrateUp(database.db);
    if (!report.ok) {
      await database.close();
      throw new UsageError(`database ${database.location} could not be migrated: ${report.error}`);
    }
  }
  return database;
}
