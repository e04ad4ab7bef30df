import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.js';

/** Tables of migration 202611221430_create_users. */
export type UsersTables = {
  users: {
    id: string;
    email: string;
    name: string;
    role: string;
    password_hash: string | null;
    oidc_subject: string | null;
    created_at: number;
    disabled_at: number | null;
  };
  sessions: {
    id_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: number;
    expires_at: number;
  };
};

type UsersDb = Kysely<DB & UsersTables> | Transaction<DB & UsersTables>;

function usersDb(db: Kysely<DB> | Transaction<DB>): UsersDb {
  return db as unknown as UsersDb;
}

/** A console user; the password hash stays in the store layer's callers that need it. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface UserWithSecret extends User {
  passwordHash: string | null;
}

function toUser(r: Selectable<UsersTables['users']>): UserWithSecret {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: Number(r.created_at),
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
    passwordHash: r.password_hash,
  };
}

function publicUser(u: UserWithSecret): User {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

/** Creates a user; the email is stored lower-cased so logins are case-insensitive. */
export async function insertUser(
  db: Kysely<DB> | Transaction<DB>,
  u: { email: string; name: string; role: string; passwordHash: string | null; oidcSubject?: string | null },
  now: number,
): Promise<User> {
  const id = randomUUID();
  const email = u.email.toLowerCase();
  const oidcSubject = u.oidcSubject ?? null;
  await usersDb(db)
    .insertInto('users')
    .values({ id, email, name: u.name, role: u.role, password_hash: u.passwordHash, oidc_subject: oidcSubject, created_at: now, disabled_at: null })
    .execute();
  return { id, email, name: u.name, role: u.role, createdAt: now, disabledAt: null };
}

export async function findUserByEmail(db: Kysely<DB> | Transaction<DB>, email: string): Promise<UserWithSecret | undefined> {
  const r = await usersDb(db).selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return r && toUser(r);
}

/** The OIDC subject a user is linked to, or null (also for an unknown user). */
export async function oidcSubjectOf(db: Kysely<DB> | Transaction<DB>, userId: string): Promise<string | null> {
  const r = await usersDb(db).selectFrom('users').select('oidc_subject').where('id', '=', userId).executeTakeFirst();
  return r?.oidc_subject ?? null;
}

/** The user linked to an OIDC subject. */
export async function findUserByOidcSubject(db: Kysely<DB> | Transaction<DB>, subject: string): Promise<User | undefined> {
  const r = await usersDb(db).selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  return r && publicUser(toUser(r));
}

export async function findUserById(db: Kysely<DB> | Transaction<DB>, id: string): Promise<User | undefined> {
  const r = await usersDb(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && publicUser(toUser(r));
}

export async function listUsers(db: Kysely<DB> | Transaction<DB>): Promise<User[]> {
  const rows = await usersDb(db).selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
  return rows.map((r) => publicUser(toUser(r)));
}

/** Changes role, password or disabled state; returns the user after the change, or undefined if unknown. */
export async function updateUser(
  db: Kysely<DB> | Transaction<DB>,
  id: string,
  change: { role?: string; passwordHash?: string; disabledAt?: number | null; name?: string; oidcSubject?: string | null },
): Promise<User | undefined> {
  const set: Partial<UsersTables['users']> = {};
  if (change.oidcSubject !== undefined) set.oidc_subject = change.oidcSubject;
  if (change.role !== undefined) set.role = change.role;
  if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
  if (change.disabledAt !== undefined) set.disabled_at = change.disabledAt;
  if (change.name !== undefined) set.name = change.name;
  if (Object.keys(set).length > 0) await usersDb(db).updateTable('users').set(set).where('id', '=', id).execute();
  return findUserById(db, id);
}

/** One console session: who, its CSRF synchronizer token and when it ends. */
export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export async function insertSession(db: Kysely<DB> | Transaction<DB>, s: Session): Promise<void> {
  await usersDb(db)
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** A live session and its (enabled) user, or undefined when unknown, expired or the user is disabled. */
export async function findLiveSession(
  db: Kysely<DB> | Transaction<DB>,
  idHash: string,
  now: number,
): Promise<{ session: Session; user: User } | undefined> {
  const s = await usersDb(db).selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  if (!s) return undefined;
  const user = await findUserById(db, s.user_id);
  if (!user || user.disabledAt !== null) return undefined;
  return {
    session: { idHash: s.id_hash, userId: s.user_id, csrfToken: s.csrf_token, createdAt: Number(s.created_at), expiresAt: Number(s.expires_at) },
    user,
  };
}

export async function deleteSession(db: Kysely<DB> | Transaction<DB>, idHash: string): Promise<boolean> {
  const r = await usersDb(db).deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user (disabled, role changed, password changed). */
export async function deleteSessionsOfUser(db: Kysely<DB> | Transaction<DB>, userId: string): Promise<number> {
  const r = await usersDb(db).deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<DB> | Transaction<DB>, now: number): Promise<number> {
  const r = await usersDb(db).deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
