import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import {
  createFieldCipher,
  fieldCipherFromConfig,
  keyIdOf,
  openRaw,
  parseEncryptionKey,
  sealedKeyId,
  sealedPrefix,
} from './field-cipher.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('field cipher (AES-256-GCM, event id as associated data)', () => {
  it('round-trips and never shows the plaintext', () => {
    const c = createFieldCipher(k1);
    const plain = '{"id":"e1","request":{"prompt":"write a lure to ceo@victim.example"}}';
    const sealed = c.seal('e1', plain);
    expect(sealed.startsWith(`${sealedPrefix}${c.keyId}:`)).toBe(true);
    expect(sealed).not.toContain('victim');
    expect(c.open('e1', sealed)).toBe(plain);
    expect(sealedKeyId(sealed)).toBe(c.keyId);
  });

  it('uses a fresh nonce per value: the same text seals differently', () => {
    const c = createFieldCipher(k1);
    expect(c.seal('e1', 'same')).not.toBe(c.seal('e1', 'same'));
  });

  it('round-trips hostile values: empty, lone surrogates, a megabyte, NUL and astral characters', () => {
    const c = createFieldCipher(k1);
    for (const v of [
      '',
      '\ud800',
      'a\udc00b\ud83d',
      'x'.repeat(1 << 20),
      '\u0000\u{1F600}\uFFFF',
      '{"p":"\\ud800"}',
    ]) {
      expect(c.open('e', c.seal('e', v))).toBe(v);
    }
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ maxLength: 40 }),
        (v, id) => c.open(id, c.seal(id, v)) === v,
      ),
    );
  });

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const c = createFieldCipher(k1);
    const err = errorOf(() => c.open('e2', c.seal('e1', 'text')));
    expect(isAppError(err, 'PRIVACY_CIPHERTEXT_INVALID')).toBe(true);
    expect((err as Error).message).toContain('e2');
  });

  it('detects every flipped byte, truncation and a relabelled key id', () => {
    const c = createFieldCipher(k1, [k2]);
    const sealed = c.seal('e1', 'secret prompt text');
    const head = sealed.slice(0, sealed.lastIndexOf(':') + 1);
    const body = Buffer.from(sealed.slice(head.length), 'base64url');
    for (let i = 0; i < body.length; i++) {
      const t = Buffer.from(body);
      t[i] = t[i]! ^ 0x01;
      expect(
        isAppError(
          errorOf(() => c.open('e1', head + t.toString('base64url'))),
          'PRIVACY_CIPHERTEXT_INVALID',
        ),
        `byte ${i}`,
      ).toBe(true);
    }
    expect(
      isAppError(
        errorOf(() => c.open('e1', head + body.subarray(0, 20).toString('base64url'))),
        'PRIVACY_CIPHERTEXT_INVALID',
      ),
    ).toBe(true);
    expect(
      isAppError(
        errorOf(() => c.open('e1', head)),
        'PRIVACY_CIPHERTEXT_INVALID',
      ),
    ).toBe(true);
    const relabelled = `${sealedPrefix}${keyIdOf(k2)}:${body.toString('base64url')}`;
    expect(
      isAppError(
        errorOf(() => c.open('e1', relabelled)),
        'PRIVACY_CIPHERTEXT_INVALID',
      ),
    ).toBe(true);
  });

  it('names the variable to set when the key is wrong or missing', () => {
    const sealed = createFieldCipher(k1).seal('e1', 'text');
    const wrong = errorOf(() => createFieldCipher(k2).open('e1', sealed));
    expect(isAppError(wrong, 'PRIVACY_KEY_MISSING')).toBe(true);
    expect((wrong as Error).message).toContain('WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS');
    expect((wrong as Error).message).toContain(keyIdOf(k1));
    const missing = errorOf(() => openRaw(undefined, 'e1', sealed));
    expect(isAppError(missing, 'PRIVACY_KEY_MISSING')).toBe(true);
    expect((missing as Error).message).toContain('WARDEN_PRIVACY_ENCRYPTION_KEY');
    expect(openRaw(undefined, 'e1', '{"id":"e1"}')).toBe('{"id":"e1"}');
  });

  it('opens values under an old key after rotation, and seals under the new one', () => {
    const before = createFieldCipher(k1);
    const after = createFieldCipher(k2, [k1]);
    const old = before.seal('e1', 'text');
    expect(after.open('e1', old)).toBe('text');
    expect(sealedKeyId(after.seal('e1', 'text'))).toBe(keyIdOf(k2));
    expect(after.keyIds).toEqual([keyIdOf(k2), keyIdOf(k1)]);
  });

  it('reads keys from configuration and rejects malformed ones with the variable named', () => {
    expect(fieldCipherFromConfig({})).toBeUndefined();
    expect(
      fieldCipherFromConfig({
        encryptionKey: k1.toString('base64'),
        encryptionOldKeys: ` ${k2.toString('base64')} ,`,
      })!.keyIds,
    ).toHaveLength(2);
    expect(parseEncryptionKey(k1.toString('base64url')).equals(k1)).toBe(true);
    for (const bad of [
      '',
      'short',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      '!!!!',
      'a'.repeat(100_000),
    ]) {
      const err = errorOf(() => parseEncryptionKey(bad));
      expect(isAppError(err, 'CONFIG_INVALID'), bad.slice(0, 10)).toBe(true);
      expect((err as Error).message).toContain('WARDEN_PRIVACY_ENCRYPTION_KEY');
    }
    expect(
      (
        errorOf(() =>
          fieldCipherFromConfig({ encryptionKey: k1.toString('base64'), encryptionOldKeys: 'nope' }),
        ) as Error
      ).message,
    ).toContain('WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS');
  });
});
