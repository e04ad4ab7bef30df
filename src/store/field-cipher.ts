import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { AppError } from '../errors/index.js';

/**
 * Encryption at rest of stored raw events (docs/privacy.md). A sealed value is
 * `wenc1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>`: AES-256-GCM (NIST SP 800-38D) with a
 * random 96-bit nonce per value, the row's event id and the header as associated data, so a
 * ciphertext copied to another row, or relabelled with another key id, fails authentication.
 * The whole raw JSON is sealed, not only the three text fields: the raw value is kept verbatim
 * (a decrypted row is byte for byte what the sender sent), and text in fields the walker does not
 * know (extensions, tool arguments) is covered too.
 */
export const sealedPrefix = 'wenc1:';

const keyVariable = 'WARDEN_PRIVACY_ENCRYPTION_KEY';
const oldKeysVariable = 'WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS';
const nonceBytes = 12;
const tagBytes = 16;
// The first plaintext byte says how the string was encoded: UTF-8 loses lone surrogates, so a
// string that is not well-formed UTF-16 is kept as UTF-16LE and comes back unchanged.
const utf8 = 0;
const utf16le = 1;

export interface FieldCipher {
  /** Key id of the current key: what new values are sealed under. */
  readonly keyId: string;
  /** Every key id this cipher can open (current first). */
  readonly keyIds: readonly string[];
  /** Seals `plain` bound to `context` (the event id). */
  seal(context: string, plain: string): string;
  /** Opens a sealed value; a value that is not sealed (written before encryption) is returned as is. */
  open(context: string, stored: string): string;
}

/** Whether a stored value is sealed, and under which key id. */
export function sealedKeyId(stored: string): string | undefined {
  if (!stored.startsWith(sealedPrefix)) return undefined;
  const end = stored.indexOf(':', sealedPrefix.length);
  return end < 0 ? '' : stored.slice(sealedPrefix.length, end);
}

/** The key id: a fingerprint of the key, so no id has to be configured beside it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('warden-field-key\0').update(key).digest('hex').slice(0, 8);
}

/** Decodes one base64 key of 32 bytes; the error names the variable. */
export function parseEncryptionKey(text: string, variable = keyVariable): Buffer {
  const t = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(t)
    ? Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
    : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new AppError(
      'CONFIG_INVALID',
      `${variable} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); got ${key.length} bytes.`,
      {
        details: { issues: [{ variable, message: 'must be 32 bytes, base64' }] },
      },
    );
  }
  return key;
}

// Nonces come from a block of CSPRNG output taken 48 KB at a time: one randomBytes call per
// 4,096 values instead of one per value (each block is used once and dropped).
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;
function freshNonce(): Buffer {
  if (nonceOffset + nonceBytes > noncePool.length) {
    noncePool = randomBytes(nonceBytes * 4096);
    nonceOffset = 0;
  }
  const n = noncePool.subarray(nonceOffset, nonceOffset + nonceBytes);
  nonceOffset += nonceBytes;
  return n;
}

/** A cipher sealing under `current` and opening under it or any of `old` (key rotation). */
export function createFieldCipher(current: Buffer, old: readonly Buffer[] = []): FieldCipher {
  const keys = new Map<string, Buffer>();
  const keyId = keyIdOf(current);
  keys.set(keyId, current);
  for (const k of old) if (!keys.has(keyIdOf(k))) keys.set(keyIdOf(k), k);
  const aad = (kid: string, context: string) => Buffer.from(`${sealedPrefix}${kid}:${context}`, 'utf8');
  return {
    keyId,
    keyIds: [...keys.keys()],
    seal(context, plain) {
      const wellFormed = (plain as string & { isWellFormed(): boolean }).isWellFormed();
      const body = Buffer.from(plain, wellFormed ? 'utf8' : 'utf16le');
      const nonce = freshNonce();
      const c = createCipheriv('aes-256-gcm', current, nonce, { authTagLength: tagBytes });
      c.setAAD(aad(keyId, context));
      const head = c.update(Buffer.of(wellFormed ? utf8 : utf16le));
      const ct = c.update(body);
      const fin = c.final();
      return `${sealedPrefix}${keyId}:${Buffer.concat([nonce, head, ct, fin, c.getAuthTag()]).toString('base64url')}`;
    },
    open(context, stored) {
      const kid = sealedKeyId(stored);
      if (kid === undefined) return stored;
      const key = keys.get(kid);
      if (!key) throw keyMissing(kid, context, true);
      const bytes = Buffer.from(stored.slice(sealedPrefix.length + kid.length + 1), 'base64url');
      if (bytes.length < nonceBytes + 1 + tagBytes) throw tampered(context);
      const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceBytes), {
        authTagLength: tagBytes,
      });
      d.setAAD(aad(kid, context));
      d.setAuthTag(bytes.subarray(bytes.length - tagBytes));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(bytes.subarray(nonceBytes, bytes.length - tagBytes)), d.final()]);
      } catch (err) {
        throw tampered(context, err);
      }
      return plain.subarray(1).toString(plain[0] === utf16le ? 'utf16le' : 'utf8');
    },
  };
}

function keyMissing(kid: string, eventId: string, haveKeys: boolean): AppError {
  const what = haveKeys
    ? `none of the configured keys has id ${kid}: add the key it was written with to ${oldKeysVariable}`
    : `no key is configured: set ${keyVariable} (and ${oldKeysVariable} for keys rotated out)`;
  return new AppError(
    'PRIVACY_KEY_MISSING',
    `Stored event ${eventId} is encrypted under key id ${kid}, but ${what}.`,
    {
      details: { eventId, keyId: kid, variable: haveKeys ? oldKeysVariable : keyVariable },
      expose: true,
    },
  );
}

function tampered(eventId: string, cause?: unknown): AppError {
  return new AppError(
    'PRIVACY_CIPHERTEXT_INVALID',
    `Stored event ${eventId} failed decryption: its ciphertext was altered, truncated or moved from another row.`,
    {
      details: { eventId },
      expose: true,
      cause,
    },
  );
}

/** The cipher the configuration asks for, or undefined when encryption at rest is off. */
export function fieldCipherFromConfig(
  privacy: { encryptionKey?: string | undefined; encryptionOldKeys?: string | undefined } | undefined,
): FieldCipher | undefined {
  if (!privacy?.encryptionKey) return undefined;
  const old = (privacy.encryptionOldKeys ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => parseEncryptionKey(s, oldKeysVariable));
  return createFieldCipher(parseEncryptionKey(privacy.encryptionKey), old);
}

/**
 * Carries a database's cipher on its Kysely instance. Plugins follow a Kysely instance into its
 * transactions, so every repo that is handed `database.db` or a transaction finds the cipher
 * without a new parameter. It changes no query and no result.
 */
export class FieldCipherCarrier implements KyselyPlugin {
  constructor(readonly cipher: FieldCipher | undefined) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The cipher carried by a Kysely instance or transaction (the last one attached wins). */
export function cipherOf(db: {
  getExecutor(): { readonly plugins: readonly KyselyPlugin[] };
}): FieldCipher | undefined {
  const plugins = db.getExecutor().plugins;
  for (let i = plugins.length - 1; i >= 0; i--) {
    const p = plugins[i];
    if (p instanceof FieldCipherCarrier) return p.cipher;
  }
  return undefined;
}

/** Seals a raw event for storage under `db`'s cipher, or returns it unchanged when encryption is off. */
export function sealRaw(cipher: FieldCipher | undefined, eventId: string, raw: string): string {
  return cipher ? cipher.seal(eventId, raw) : raw;
}

/** Opens a stored raw event; a sealed value without a cipher is an error naming the variable, never returned as is. */
export function openRaw(cipher: FieldCipher | undefined, eventId: string, stored: string): string {
  if (cipher) return cipher.open(eventId, stored);
  const kid = sealedKeyId(stored);
  if (kid !== undefined) throw keyMissing(kid, eventId, false);
  return stored;
}
