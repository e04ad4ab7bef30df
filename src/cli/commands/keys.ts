import type { Command } from 'commander';
import { AuditLog } from '../../audit/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

const roles = ['ingest', 'viewer', 'analyst', 'lead', 'admin'];

const cliActor = () => `system:cli:${process.env.USER ?? 'unknown'}`;

/** `warden keys create|list|revoke`: API keys, shown once and stored hashed. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("Manage API keys for Warden's own API");

  keys
    .command('create <name>')
    .description('create a key and print it once (only its hash is stored)')
    .option('--role <role>', `one of ${roles.join(', ')}`, 'ingest')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (name: string, opts: DbOptions & { role: string }) => {
      if (!roles.includes(opts.role)) throw new UsageError(`--role must be one of ${roles.join(', ')} (got "${opts.role}")`);
      const database = await openCliDatabase(opts);
      try {
        const { key, secret } = await createApiKey(database.db, name, opts.role, Date.now());
        // Key changes belong in the audit log (docs/audit.md); the secret never does.
        await new AuditLog(database).record({ at: Date.now(), actor: cliActor(), action: 'key.created', target: { type: 'api_key', id: key.id }, details: { name, role: key.role } });
        console.log(secret);
        console.error(`created key ${key.id} (${key.role}) for "${name}": store it now, it cannot be shown again`);
      } finally {
        await database.close();
      }
    });

  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        for (const k of await listApiKeys(database.db)) {
          const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'live';
          console.log(`${k.id}  ${k.role.padEnd(7)}  ${state.padEnd(32)}  ${k.name}`);
        }
      } finally {
        await database.close();
      }
    });

  keys
    .command('revoke <id>')
    .description('revoke a key at once')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (id: string, opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        if (!(await revokeApiKey(database.db, id, Date.now()))) throw new UsageError(`no live key with id ${id}`);
        await new AuditLog(database).record({ at: Date.now(), actor: cliActor(), action: 'key.revoked', target: { type: 'api_key', id } });
        console.log(`revoked ${id}`);
      } finally {
        await database.close();
      }
    });
}
