import type { Command } from 'commander';
import { createPartner, listPartners, revokePartner } from '../../store/repos/intel-partners.repo.js';
import { intelDb } from '../../store/repos/intel-tables.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

const collect = (v: string, acc: string[]) => [...acc, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** `warden partners add|list|revoke`: TAXII partners, their keys and per-collection rights. */
export function registerPartners(program: Command): void {
  const partners = program.command('partners').description('TAXII partners and their rights on collections');

  partners
    .command('add <name>')
    .description('add a partner and print its key once (only a hash is stored)')
    .option('--read <collection...>', 'collections it may read', collect, [] as string[])
    .option('--write <collection...>', 'collections it may write', collect, [] as string[])
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (name: string, opts: DbOptions & { read: string[]; write: string[] }) => {
      if (opts.read.length + opts.write.length === 0) throw new UsageError('give at least one --read or --write collection');
      const database = await openCliDatabase(opts);
      try {
        const { partner, secret } = await createPartner(intelDb(database.db), name, { read: opts.read, write: opts.write }, Date.now());
        console.log(secret);
        console.error(
          `created partner ${partner.id} "${name}" (read: ${opts.read.join(', ') || '-'}; write: ${opts.write.join(', ') || '-'}). ` +
            'Store the key now, it cannot be shown again. It authenticates as HTTP Basic (user: the partner name or id) or as a bearer token.',
        );
      } finally {
        await database.close();
      }
    });

  partners
    .command('list')
    .description('list partners (never their keys)')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        for (const p of await listPartners(intelDb(database.db))) {
          console.log(`${p.id}  ${p.revokedAt ? 'revoked' : 'live   '}  ${p.name}`);
        }
      } finally {
        await database.close();
      }
    });

  partners
    .command('revoke <id>')
    .description("revoke a partner's key at once")
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (id: string, opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        if (!(await revokePartner(intelDb(database.db), id, Date.now()))) throw new UsageError(`no live partner with id ${id}`);
        console.log(`revoked ${id}`);
      } finally {
        await database.close();
      }
    });
}
