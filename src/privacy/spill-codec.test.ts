import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { createFieldCipher } from '../store/index.js';
import { spillLineCodec } from './spill-codec.js';

const event = { id: 'e1', request: { prompt: 'a secret plan against victim-corp\nsecond line' } };

describe('spill line codec', () => {
  it('seals each line without a newline, and reads it back', () => {
    const codec = spillLineCodec(createFieldCipher(randomBytes(32)));
    const line = codec.encode(event);
    expect(line).not.toContain('victim');
    expect(line).not.toMatch(/[\r\n]/);
    expect(codec.decode(line)).toEqual(event);
  });

  it('stays plain JSON without a key, and a sealed line is refused without one', () => {
    const plain = spillLineCodec(undefined);
    expect(plain.encode(event)).toBe(JSON.stringify(event));
    expect(plain.decode(JSON.stringify(event))).toEqual(event);
    const sealed = spillLineCodec(createFieldCipher(randomBytes(32))).encode(event);
    expect(() => plain.decode(sealed)).toThrow(expect.objectContaining({ code: 'PRIVACY_KEY_MISSING' }));
  });

  it('drains lines written before the key was set, and refuses a tampered line', () => {
    const codec = spillLineCodec(createFieldCipher(randomBytes(32)));
    expect(codec.decode(JSON.stringify(event))).toEqual(event);
    const line = codec.encode(event);
    const tampered = line.slice(0, -3) + (line.endsWith('AAA') ? 'BBB' : 'AAA');
    let err: unknown;
    try {
      codec.decode(tampered);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'PRIVACY_CIPHERTEXT_INVALID')).toBe(true);
  });
});
