import type { Command } from 'commander';
import { migrateDown, migrateUp, migrationStatus } from '../../store/index.js';
import { openCliDatabase, type DbOptions } from '../context.js';
import { EXIT_FAILED } from '../exit-codes.js';

/** `warden migrate up|down|status`. */
export function registerMigrate(program: Command): void {
  const migrate = program
    .command('migrate')
    .description('Apply, revert or list database migrations (SQLite by default, PostgreSQL with WARDEN_DATABASE_URL)');
  const withDb = (c: Command) => c.option('--db <path>', 'an embedded SQLite file instead of the configured database');

  withDb(migrate.command('up').description('apply every pending migration')).action(async (opts: DbOptions) => {
    const database = await openCliDatabase(opts, false);
    try {
      const report = await migrateUp(database.db);
      for (const r of report.results) console.log(`${r.status === 'Success' ? 'applied' : r.status}  ${r.name}`);
      if (!report.ok) {
        console.error(`warden: migration failed: ${report.error}`);
        process.exitCode = EXIT_FAILED;
      } else if (report.results.length === 0) console.log('up to date');
    } finally {
      await database.close();
    }
  });

  withDb(migrate.command('down').description('revert the latest applied migration')).action(async (opts: DbOptions) => {
    const database = await openCliDatabase(opts, false);
    try {
      const report = await migrateDown(database.db);
      for (const r of report.results) console.log(`${r.status === 'Success' ? 'reverted' : r.status}  ${r.name}`);
      if (!report.ok) {
        console.error(`warden: migration failed: ${report.error}`);
        process.exitCode = EXIT_FAILED;
      } else if (report.results.length === 0) console.log('nothing to revert');
    } finally {
      await database.close();
    }
  });

  withDb(migrate.command('status').description('list migrations and whether each is applied')).action(async (opts: DbOptions) => {
    const database = await openCliDatabase(opts, false);
    try {
      for (const m of await migrationStatus(database.db)) {
        console.log(`${m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending                         '}  ${m.name}`);
      }
    } finally {
      await database.close();
    }
  });
}
