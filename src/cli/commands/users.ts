import type { Command } from 'commander';
import { hashPassword, minPasswordLength } from '../../api/index.js';
import { AuditLog } from '../../audit/index.js';
import { deleteSessionsOfUser, findUserByEmail, findUserByOidcSubject, insertUser, listUsers, updateUser } from '../../store/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

const userRoles = ['viewer', 'analyst', 'lead', 'admin'];

/** OpenID Connect Core 1.0 §2: `sub` is at most 255 ASCII characters; control characters are refused. */
function checkSubject(sub: string): string {
  if (sub.length < 1 || sub.length > 255 || !/^[\x20-\x7e]+$/.test(sub)) throw new UsageError('the OIDC subject must be 1 to 255 printable ASCII characters (the `sub` claim of the ID token)');
  return sub;
}

async function readPassword(): Promise<string> {
  // From stdin, so it never sits in shell history or the process list.
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const pw = text.replace(/\r?\n$/, '');
  if (pw.length < minPasswordLength) throw new UsageError(`the password on stdin must be at least ${minPasswordLength} characters`);
  return pw;
}

/** `warden users add|list|set-role|disable|enable|password`: console users, every change audited. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('Console users (log in at POST /api/v1/session); every change goes to the audit log');
  const actor = `system:cli:${process.env.USER ?? 'unknown'}`;

  users
    .command('add <email> <name>')
    .description('create a user; the password is read from stdin (omit --password-stdin for an OIDC-only user)')
    .requiredOption('--role <role>', `one of ${userRoles.join(', ')}`)
    .option('--password-stdin', 'read the password from stdin')
    .option('--oidc-subject <sub>', 'link the user to this OIDC subject (`sub` claim) for SSO login')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (email: string, name: string, opts: DbOptions & { role: string; passwordStdin?: boolean; oidcSubject?: string }) => {
      if (!userRoles.includes(opts.role)) throw new UsageError(`--role must be one of ${userRoles.join(', ')} (got "${opts.role}")`);
      if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) throw new UsageError(`"${email}" is not an email address`);
      const oidcSubject = opts.oidcSubject === undefined ? null : checkSubject(opts.oidcSubject);
      const passwordHash = opts.passwordStdin ? await hashPassword(await readPassword()) : null;
      const database = await openCliDatabase(opts);
      try {
        if (await findUserByEmail(database.db, email)) throw new UsageError(`a user with email ${email.toLowerCase()} exists already`);
        if (oidcSubject !== null && (await findUserByOidcSubject(database.db, oidcSubject))) throw new UsageError('another user is linked to that OIDC subject already');
        const user = await insertUser(database.db, { email, name, role: opts.role, passwordHash, oidcSubject }, Date.now());
        const audit = new AuditLog(database);
        await audit.record({ at: Date.now(), actor, action: 'user.created', target: { type: 'user', id: user.id }, details: { email: user.email, role: user.role, ...(oidcSubject !== null ? { oidcSubject: 'linked' } : {}) } });
        console.log(user.id);
        console.error(`created ${user.role} ${user.email}`);
      } finally {
        await database.close();
      }
    });

  users
    .command('list')
    .description('list users')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        for (const u of await listUsers(database.db)) {
          console.log(`${u.id}  ${u.role.padEnd(7)}  ${(u.disabledAt ? 'disabled' : 'active').padEnd(8)}  ${u.email}  ${u.name}`);
        }
      } finally {
        await database.close();
      }
    });

  const change = (command: string, description: string, what: (arg: string | undefined) => Parameters<typeof updateUser>[2], takesArg: boolean) => {
    users
      .command(takesArg ? `${command} <email> <value>` : `${command} <email>`)
      .description(description)
      .option('--db <path>', 'an embedded SQLite file instead of the configured database')
      .action(async (email: string, valueOrOpts: string | DbOptions, maybeOpts?: DbOptions) => {
        const value = typeof valueOrOpts === 'string' ? valueOrOpts : undefined;
        const opts = (typeof valueOrOpts === 'string' ? maybeOpts : valueOrOpts) ?? {};
        const changeSet = what(value);
        const database = await openCliDatabase(opts);
        try {
          const user = await findUserByEmail(database.db, email);
          if (!user) throw new UsageError(`no user with email ${email.toLowerCase()}`);
          if (changeSet.oidcSubject) {
            const holder = await findUserByOidcSubject(database.db, changeSet.oidcSubject);
            if (holder && holder.id !== user.id) throw new UsageError('another user is linked to that OIDC subject already');
          }
          await updateUser(database.db, user.id, changeSet);
          const ended = await deleteSessionsOfUser(database.db, user.id);
          const details = { ...changeSet, passwordHash: changeSet.passwordHash ? 'changed' : undefined, endedSessions: ended };
          await new AuditLog(database).record({ at: Date.now(), actor, action: 'user.changed', target: { type: 'user', id: user.id }, details: JSON.parse(JSON.stringify(details)) as Record<string, unknown> });
          console.log(`${command}: ${user.email} (${ended} session(s) ended)`);
        } finally {
          await database.close();
        }
      });
  };
  change('set-role', 'change a user\'s role (ends their sessions)', (role) => {
    if (!role || !userRoles.includes(role)) throw new UsageError(`the role must be one of ${userRoles.join(', ')} (got "${role}")`);
    return { role };
  }, true);
  change('disable', 'disable a user at once (ends their sessions)', () => ({ disabledAt: Date.now() }), false);
  change('enable', 'enable a disabled user', () => ({ disabledAt: null }), false);
  change('link-oidc', 'link a user to an OIDC subject (`sub` claim) for SSO login (ends their sessions)', (sub) => ({ oidcSubject: checkSubject(sub ?? '') }), true);
  change('unlink-oidc', 'remove a user\'s OIDC subject: no more SSO login as that subject', () => ({ oidcSubject: null }), false);
}
