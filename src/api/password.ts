import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt (RFC 7914) with N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds per
 * guess, the parameters OWASP's password storage guidance lists for scrypt.
 */
const params = { N: 1 << 15, r: 8, p: 1 } as const;
const keyLength = 64;
const maxmem = 64 * 1024 * 1024;

/** Longest password accepted: long enough for any passphrase, short enough not to be a DoS lever. */
export const maxPasswordLength = 1024;
export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...opts, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$key` (base64url): parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const dummy = `scrypt$${params.N}$${params.r}$${params.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(keyLength).toString('base64url')}`;

/**
 * Checks a password against a stored hash in constant time. With no hash (unknown user) it
 * still does the work, so response time does not tell which emails exist.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? dummy).split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const N = Number(n);
  if (N !== params.N || Number(r) !== params.r || Number(p) !== params.p) return false;
  const expected = Buffer.from(key, 'base64url');
  const got = await derive(password.slice(0, maxPasswordLength), Buffer.from(salt, 'base64url'), { N, r: Number(r), p: Number(p) });
  return stored !== null && stored !== undefined && expected.length === got.length && timingSafeEqual(expected, got);
}
