import { openRaw, type FieldCipher } from '../store/index.js';

/** How a queue turns an event into one NDJSON line and back. */
export interface SpillLineCodec {
  encode(event: object): string;
  decode(line: string): object;
}

/** The associated data of spilled lines: a sealed event row cannot be passed off as a spill line, nor the reverse. */
const spillContext = 'gateway-spill';

/**
 * The gateway's spill segments hold whole events, prompts included, while the sink is down. With
 * encryption at rest on, each line is sealed like a stored raw event (AES-256-GCM, key id
 * prefix); the sealed form is base64url and has no newline, so a segment stays one event per
 * line. Without a cipher, lines are plain JSON, as before. Decoding accepts both, so segments
 * written before the key was set still drain.
 */
export function spillLineCodec(cipher: FieldCipher | undefined): SpillLineCodec {
  return {
    encode: (event) => (cipher ? cipher.seal(spillContext, JSON.stringify(event)) : JSON.stringify(event)),
    // A sealed line read without the key is a PRIVACY_KEY_MISSING error naming the variable to
    // set, never JSON garbage that a queue would skip as a torn line.
    decode: (line) => JSON.parse(openRaw(cipher, spillContext, line)) as object,
  };
}
