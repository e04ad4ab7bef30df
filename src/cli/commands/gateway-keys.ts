import type { Command } from 'commander';
import { createGatewayKey, listGatewayKeys, revokeGatewayKey } from '../../store/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

/** 1–128 characters without C0 controls or DEL (they would forge log lines). */
function isIdent(v: string): boolean {
  if (v.length < 1 || v.length > 128) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** `warden gateway-keys create|list|revoke`: keys of the OpenAI-compatible gateway, each mapped to an account. */
export function registerGatewayKeys(program: Command): void {
  const keys = program
    .command('gateway-keys')
    .description("Manage the gateway's keys (each maps a client to a provider account and org)");

  keys
    .command('create <account>')
    .description('create a key for ACCOUNT and print it once (only its hash is stored)')
    .option('--org <org>', 'the organization or project the account acts for')
    .option('--name <name>', 'a label for the key', 'default')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (account: string, opts: DbOptions & { org?: string; name: string }) => {
      for (const [what, v] of [
        ['account', account],
        ['--org', opts.org],
        ['--name', opts.name],
      ] as const) {
        if (v !== undefined && !isIdent(v))
          throw new UsageError(`${what} must be 1–128 characters without control characters`);
      }
      const database = await openCliDatabase(opts);
      try {
        const { key, secret } = await createGatewayKey(
          database.db,
          { account, org: opts.org, name: opts.name },
          Date.now(),
        );
        console.log(secret);
        console.error(
          `created gateway key ${key.id} for account ${account}${opts.org ? ` (org ${opts.org})` : ''}: store it now, it cannot be shown again`,
        );
      } finally {
        await database.close();
      }
    });

  keys
    .command('list')
    .description('list gateway keys (never their secrets)')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        for (const k of await listGatewayKeys(database.db)) {
          const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'live';
          console.log(`${k.id}  ${k.account}  ${k.org ?? '-'}  ${state}  ${k.name}`);
        }
      } finally {
        await database.close();
      }
    });

  keys
    .command('revoke <id>')
    .description('revoke a gateway key; every gateway refuses it within WARDEN_GATEWAY_KEY_REFRESH_MS')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (id: string, opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        if (!(await revokeGatewayKey(database.db, id, Date.now())))
          throw new UsageError(`no live gateway key with id ${id}`);
        console.log(`revoked ${id}`);
      } finally {
        await database.close();
      }
    });
}
